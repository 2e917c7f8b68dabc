"""Likes, reports, bans and the abuse limits on all three."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from kopbal.comments.actions import do_ban
from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment, CommentLike, CommentReport, ModerationLog

from .conftest import JSON, make_reader


@pytest.fixture
def comment(article):
    author = make_reader("schrijver", approved=2, page=article, display_name="Schrijver")
    return Comment.objects.create(page=article, author=author, body="Vincent Kompany terug!")


def like(client, comment, **data):
    return client.post(reverse("comments:like", args=[comment.pk]), data, **JSON)


def report(client, comment, reason="abuse", note=""):
    return client.post(
        reverse("comments:report", args=[comment.pk]), {"reason": reason, "note": note}, **JSON
    )


class TestLikes:
    def test_toggle_one_like_per_reader(self, reader_client, comment):
        assert like(reader_client, comment).json() == {"ok": True, "liked": True, "count": 1}
        assert like(reader_client, comment, liked="1").json()["count"] == 1  # idempotent
        assert like(reader_client, comment).json() == {"ok": True, "liked": False, "count": 0}
        assert like(reader_client, comment, liked="0").json()["count"] == 0
        other = make_reader()
        reader_client.force_login(other)
        like(reader_client, comment)
        comment.refresh_from_db()
        assert comment.like_count == 1 == CommentLike.objects.filter(comment=comment).count()

    def test_without_javascript_the_like_page_posts_and_returns(self, reader_client, comment):
        page = reader_client.get(reverse("comments:like", args=[comment.pk]))
        assert "Vind je deze reactie goed?" in page.content.decode()
        response = reader_client.post(
            reverse("comments:like", args=[comment.pk]),
            {"liked": "1", "next": "https://evil.example/"},
        )
        assert response.status_code == 302
        assert response["Location"] == comment.get_absolute_url()  # no open redirect
        assert (
            "Je vindt deze reactie goed"
            in reader_client.get(reverse("comments:like", args=[comment.pk])).content.decode()
        )

    def test_own_comment_and_hidden_comments_cannot_be_liked(self, client, comment):
        client.force_login(comment.author)
        response = like(client, comment)
        assert response.status_code == 403
        assert response.json()["message"] == "Je eigen reactie liken kan niet."
        comment.status = CommentStatus.REMOVED
        comment.save()
        client.force_login(make_reader())
        assert like(client, comment).status_code == 404

    def test_anonymous_like_leads_to_login(self, client, comment):
        response = client.get(reverse("comments:like", args=[comment.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert like(client, comment).status_code == 401


class TestReports:
    def test_threshold_hides_the_comment_until_a_moderator_looks(self, client, comment, rules):
        rules.report_threshold = 3
        rules.save()
        for n in range(3):
            client.force_login(make_reader())
            response = report(client, comment, note=f"melding {n}")
            assert response.status_code == 200 and response.json()["ok"]
            comment.refresh_from_db()
            assert comment.report_count == n + 1
            assert comment.status == (CommentStatus.PENDING if n == 2 else CommentStatus.VISIBLE)
        assert comment.held_reason == "gemeld door 3 lezers"
        assert ModerationLog.objects.filter(comment=comment, action="hide_reported").count() == 1
        html = client.get(comment.page.url).content.decode()
        assert "Vincent Kompany terug!" not in html

    def test_reporting_twice_counts_once(self, reader_client, comment):
        assert report(reader_client, comment).json()["message"].startswith("Bedankt")
        second = report(reader_client, comment, reason="spam")
        assert (
            second.json()["message"] == "Je had deze reactie al gemeld. Een moderator bekijkt ze."
        )
        comment.refresh_from_db()
        assert comment.report_count == 1 == CommentReport.objects.count()

    def test_a_reason_is_required_and_own_comments_cannot_be_reported(self, client, comment):
        client.force_login(make_reader())
        response = client.post(reverse("comments:report", args=[comment.pk]), {"reason": "nonsens"})
        assert response.status_code == 400
        assert "Kies een reden." in response.content.decode()
        client.force_login(comment.author)
        assert report(client, comment).status_code == 403
        assert CommentReport.objects.count() == 0


class TestBans:
    @pytest.fixture
    def banned(self, reader, users):
        do_ban(
            moderator=users("moderator"),
            user=reader,
            reason="Beledigingen aan het adres van de ref",
            days=7,
        )
        return reader

    def test_a_banned_reader_cannot_post_like_or_report_and_sees_why(
        self, reader_client, banned, comment, article
    ):
        post = reader_client.post(reverse("comments:compose", args=[article.pk]), {"body": "hallo"})
        assert post.status_code == 403
        html = post.content.decode()
        assert "Je bent geblokkeerd tot" in html and "Beledigingen aan het adres van de ref" in html
        for response in (like(reader_client, comment), report(reader_client, comment)):
            assert response.status_code == 403
            assert "Beledigingen aan het adres van de ref" in response.json()["message"]
        assert not Comment.objects.filter(body="hallo").exists()
        assert CommentLike.objects.count() == CommentReport.objects.count() == 0
        state = reader_client.get(reverse("comments:state"), {"artikel": article.pk}).json()
        assert "Beledigingen" in state["ban"]
        assert "Beledigingen" in reader_client.get(reverse("users:account")).content.decode()

    def test_the_ban_ends_when_it_expires_or_is_lifted(self, reader_client, banned, article):
        import time_machine
        from django.utils import timezone

        from kopbal.comments.actions import do_lift_ban

        url = reverse("comments:compose", args=[article.pk])
        with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
            assert reader_client.post(url, {"body": "terug van weggeweest"}).status_code == 302
        do_lift_ban(moderator=None, ban=banned.comment_bans.get(), reason="vergissing")
        assert reader_client.post(url, {"body": "opnieuw welkom"}).status_code == 302
        assert (
            Comment.objects.filter(body__in=["terug van weggeweest", "opnieuw welkom"]).count() == 2
        )


class TestRateLimits:
    @override_settings(
        KOPBAL_COMMENT_RATE_LIMITS={
            "post": (2, 100, 60),
            "like": (3, 100, 60),
            "report": (1, 100, 600),
        }
    )
    def test_per_account_limits_answer_429_in_dutch(self, reader_client, article, comment):
        url = reverse("comments:compose", args=[article.pk])
        assert reader_client.post(url, {"body": "een"}).status_code == 302
        assert reader_client.post(url, {"body": "twee"}).status_code == 302
        response = reader_client.post(url, {"body": "drie"})
        assert response.status_code == 429
        assert "Je plaatste te veel reacties na elkaar" in response.content.decode()
        assert list(
            Comment.objects.filter(body__in=["een", "twee", "drie"])
            .values_list("body", flat=True)
            .order_by("pk")
        ) == ["een", "twee"]
        assert response["Retry-After"] == "60"
        assert [like(reader_client, comment).status_code for _ in range(4)] == [200, 200, 200, 429]
        others = make_reader(approved=0)
        Comment.objects.create(page=article, author=others, body="nog een")
        assert report(reader_client, comment).status_code == 200
        second = reader_client.post(
            reverse("comments:report", args=[Comment.objects.latest("pk").pk]),
            {"reason": "spam"},
            **JSON,
        )
        assert second.status_code == 429
        assert second.json()["message"].startswith("Je meldde te veel reacties")

    @override_settings(
        KOPBAL_COMMENT_RATE_LIMITS={
            "post": (100, 3, 60),
            "like": (100, 100, 60),
            "report": (100, 100, 600),
        }
    )
    def test_per_address_limits_hold_across_accounts(self, client, article):
        url = reverse("comments:compose", args=[article.pk])
        statuses = []
        for n in range(4):
            client.force_login(make_reader(approved=2, page=article))
            statuses.append(client.post(url, {"body": f"account {n}"}).status_code)
        assert statuses == [302, 302, 302, 429]
        assert Comment.objects.filter(body__startswith="account ").count() == 3
        client.force_login(make_reader(approved=2, page=article))
        other_ip = client.post(url, {"body": "elders"}, REMOTE_ADDR="10.1.2.3")
        assert other_ip.status_code == 302

    @override_settings(
        KOPBAL_COMMENT_RATE_LIMITS={
            "post": (100, 100, 60),
            "like": (100, 2, 60),
            "report": (100, 2, 600),
        }
    )
    def test_likes_and_reports_are_limited_per_address_across_accounts(self, client, article):
        comments = [
            Comment.objects.create(page=article, author=make_reader(), body=f"reactie {n}")
            for n in range(3)
        ]
        likes, reports = [], []
        for comment in comments:
            client.force_login(make_reader())  # a fresh account each time, one address
            likes.append(like(client, comment))
            reports.append(report(client, comment))
        assert [r.status_code for r in likes] == [200, 200, 429]
        assert [r.status_code for r in reports] == [200, 200, 429]
        assert likes[-1].json()["message"].startswith("Je gaf te veel likes")
        assert reports[-1].json()["message"].startswith("Je meldde te veel reacties")
        assert CommentLike.objects.count() == 2 == CommentReport.objects.count()
        elsewhere = client.post(
            reverse("comments:like", args=[comments[2].pk]), REMOTE_ADDR="10.9.8.7", **JSON
        )
        assert elsewhere.status_code == 200 and elsewhere.json()["liked"] is True
