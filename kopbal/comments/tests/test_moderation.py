"""Moderation in the Wagtail admin: who gets in, the queue, bulk actions, the audit log,
a reader's history, banned words and the rules."""

import pytest
from django.urls import reverse

from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Ban, BannedWord, Comment, CommentReport, ModerationLog

from .conftest import make_reader

QUEUE = "/admin/reacties/"


def bulk(action, *comments, **extra):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}&next={QUEUE}"


@pytest.fixture
def moderator(users):
    return users("moderator")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def queue(article, reader):
    """A held comment, a reported one, and an ordinary visible one."""
    author = make_reader("twijfelgeval", display_name="Twijfelgeval")
    held = Comment.objects.create(
        page=article,
        author=author,
        body="Wacht op goedkeuring",
        status=CommentStatus.PENDING,
        held_reason="nieuwe lezer",
    )
    reported = Comment.objects.create(
        page=article, author=author, body="Gemeld maar zichtbaar", report_count=1
    )
    CommentReport.objects.create(
        comment=reported, reporter=reader, reason="abuse", note="scheldt de ref uit"
    )
    plain = Comment.objects.create(page=article, author=reader, body="Niets mis mee")
    return held, reported, plain


class TestAccess:
    def test_readers_never_reach_moderation(self, client, reader, queue):
        held = queue[0]
        client.force_login(reader)
        for url in (QUEUE, f"/admin/reacties/lezer/{held.author_id}/", bulk("approve", held)):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
        assert client.post(bulk("approve", held)).status_code == 302
        held.refresh_from_db()
        assert held.status == CommentStatus.PENDING

    def test_editors_without_the_role_are_refused(self, client, users, queue):
        held = queue[0]
        client.force_login(users("editor"))
        response = client.get(QUEUE)
        assert response.status_code in (302, 403)
        assert "Wacht op goedkeuring" not in response.content.decode()
        # Wagtail answers a refused admin page with a redirect to the dashboard.
        for response in (
            client.get(f"/admin/reacties/lezer/{held.author_id}/"),
            client.post(bulk("approve", held)),
        ):
            assert (response.status_code, response.get("Location")) in (
                (302, "/admin/"),
                (403, None),
            )
        held.refresh_from_db()
        assert held.status == CommentStatus.PENDING


class TestQueue:
    def test_queue_lists_held_and_reported_comments_only(self, mod_client, queue):
        held, reported, plain = queue
        html = mod_client.get(QUEUE).content.decode()
        assert "Wacht op goedkeuring" in html and "Gemeld maar zichtbaar" in html
        assert "Niets mis mee" not in html
        assert f"/admin/reacties/lezer/{held.author_id}/" in html  # history, one click away
        everything = mod_client.get(QUEUE, {"lijst": "alle"}).content.decode()
        assert "Niets mis mee" in everything
        found = mod_client.get(QUEUE, {"lijst": "alle", "q": "mis mee"}).content.decode()
        assert "Niets mis mee" in found and "Wacht op goedkeuring" not in found

    def test_bulk_approve_publishes_and_logs(self, mod_client, moderator, queue, article):
        from kopbal.news.models import ArticlePage

        held, reported, _ = queue
        before = ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count
        confirm = mod_client.get(bulk("approve", held, reported))
        assert confirm.status_code == 200
        assert "Ja, goedkeuren" in confirm.content.decode()
        response = mod_client.post(bulk("approve", held, reported), {"reason": "in orde"})
        assert response.status_code == 302
        held.refresh_from_db()
        reported.refresh_from_db()
        assert held.status == reported.status == CommentStatus.VISIBLE
        assert reported.report_count == 0
        assert CommentReport.objects.get().resolved_by == moderator
        entries = ModerationLog.objects.filter(action="approve")
        assert {(e.comment_id, e.moderator_id, e.reason) for e in entries} == {
            (held.pk, moderator.pk, "in orde"),
            (reported.pk, moderator.pk, "in orde"),
        }
        after = ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count
        assert after == before + 1  # the reported one was already counted
        assert "Niets mis mee" not in mod_client.get(QUEUE).content.decode()

    def test_reject_needs_a_reason(self, mod_client, moderator, queue):
        held = queue[0]
        response = mod_client.post(bulk("reject", held), {"reason": ""})
        assert response.status_code == 200
        assert "Geef een reden voor het logboek." in response.content.decode()
        held.refresh_from_db()
        assert held.status == CommentStatus.PENDING
        mod_client.post(bulk("reject", held), {"reason": "racistisch"})
        held.refresh_from_db()
        assert held.status == CommentStatus.REMOVED
        entry = ModerationLog.objects.get(action="reject")
        assert (entry.moderator, entry.reason, entry.target_user_id) == (
            moderator,
            "racistisch",
            held.author_id,
        )

    def test_feature_then_unfeature(self, mod_client, client, queue, article):
        plain = queue[2]
        mod_client.post(bulk("feature", plain), {"reason": ""})
        plain.refresh_from_db()
        assert plain.is_featured and plain.featured_at
        html = client.get(article.url).content.decode()
        assert f'data-featured="{plain.pk}"' in html
        mod_client.post(bulk("unfeature", plain), {"reason": ""})
        plain.refresh_from_db()
        assert not plain.is_featured
        assert [e.action for e in ModerationLog.objects.order_by("pk")] == ["feature", "unfeature"]

    def test_ban_author_blocks_rejects_and_logs(self, mod_client, moderator, queue, users):
        held, reported, _ = queue
        response = mod_client.post(
            bulk("ban_author", held, reported), {"reason": "Blijft schelden", "duration": "7"}
        )
        assert response.status_code == 302
        ban = Ban.objects.get()
        assert ban.user_id == held.author_id and ban.reason == "Blijft schelden"
        assert ban.is_active and ban.expires_at
        held.refresh_from_db()
        reported.refresh_from_db()
        assert held.status == reported.status == CommentStatus.REMOVED
        assert ModerationLog.objects.filter(action="ban", moderator=moderator).count() == 1
        staff_comment = Comment.objects.create(page=held.page, author=users("editor"), body="x")
        mod_client.post(bulk("ban_author", staff_comment), {"reason": "nee", "duration": "0"})
        assert Ban.objects.count() == 1  # staff are never banned from here


class TestHistory:
    def test_one_page_with_comments_reports_bans_and_log(self, mod_client, queue, moderator):
        held, reported, _ = queue
        reader = held.author
        Comment.objects.create(
            page=held.page, author=reader, body="Ooit afgewezen", status=CommentStatus.REMOVED
        )
        url = f"/admin/reacties/lezer/{reader.pk}/"
        html = mod_client.get(url).content.decode()
        for text in (
            "Wacht op goedkeuring",
            "Gemeld maar zichtbaar",
            "Ooit afgewezen",
            "scheldt de ref uit",
            "Nooit geblokkeerd.",
        ):
            assert text in html
        response = mod_client.post(url, {"reason": "", "duration": "1"})
        assert response.status_code == 400
        mod_client.post(url, {"reason": "Spam", "duration": "1"})
        ban = Ban.objects.get(user=reader)
        html = mod_client.get(url).content.decode()
        assert "Blokkering opheffen" in html and "Spam" in html
        mod_client.post(url, {"lift": ban.pk, "reason": "tweede kans"})
        ban.refresh_from_db()
        assert ban.lifted_by == moderator
        assert ModerationLog.objects.filter(action="unban", reason="tweede kans").exists()


class TestAdminLists:
    def test_the_audit_log_cannot_be_edited_or_deleted_even_by_a_superuser(
        self, client, users, queue
    ):
        entry = ModerationLog.objects.create(action="approve", reason="origineel")
        for user in (users("moderator"), users("admin")):
            client.force_login(user)
            assert client.get("/admin/moderatielog/").status_code == 200
            for url in (
                f"/admin/moderatielog/edit/{entry.pk}/",
                f"/admin/moderatielog/delete/{entry.pk}/",
            ):
                client.post(url, {"reason": "vervalst"})
        entry.refresh_from_db()
        assert entry.reason == "origineel"
        assert client.get(f"/admin/reacties/edit/{queue[0].pk}/").status_code != 200

    def test_moderators_keep_the_banned_word_list_and_the_rules(self, mod_client):
        response = mod_client.post("/admin/verboden-woorden/new/", {"word": "  Zakkenwasser "})
        assert response.status_code == 302
        assert BannedWord.objects.filter(word="zakkenwasser").exists()
        settings_url = reverse("wagtailsettings:edit", args=["comments", "commentsettings"])
        page = mod_client.get(settings_url, follow=True)
        assert (
            page.status_code == 200 and "Eerste reacties van nieuwe lezers" in page.content.decode()
        )

    def test_dashboard_shows_the_queue_size(self, mod_client, queue):
        html = mod_client.get("/admin/").content.decode()
        assert "2 reacties wachten op een moderator." in html
