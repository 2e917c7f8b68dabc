"""Writing: post, reply, edit, delete; every bad input gets a Dutch answer, never a 500."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment, ModerationLog

from .conftest import JSON, make_reader


def compose(article, parent=None):
    url = reverse("comments:compose", args=[article.pk])
    return f"{url}?antwoord={parent.pk}" if parent else url


def visible_count(article):
    from kopbal.news.models import ArticlePage

    return ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count


def test_post_without_javascript_redirects_to_the_comment_anchor(reader_client, article):
    before = visible_count(article)
    response = reader_client.post(compose(article), {"body": "Hasi moet weg, nu."})
    comment = Comment.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#reactie-{comment.pk}"
    assert comment.status == CommentStatus.VISIBLE and comment.ip_hash
    assert visible_count(article) == before + 1


def test_post_with_javascript_answers_json_with_the_rendered_comment(reader_client, article):
    response = reader_client.post(compose(article), {"body": "Zie <b>dit</b> www.rsca.be"}, **JSON)
    data = response.json()
    assert response.status_code == 201 and data["ok"] and not data["held"]
    assert f'id="reactie-{data["id"]}"' in data["html"]
    assert "&lt;b&gt;dit&lt;/b&gt;" in data["html"]
    assert 'rel="nofollow ugc noopener"' in data["html"]


def test_replies_thread_two_levels_deep_and_land_on_the_thread(reader_client, article, reader):
    other = make_reader(approved=2, page=article)
    top = Comment.objects.create(page=article, author=other, body="Wie wordt de nieuwe trainer?")
    response = reader_client.post(
        compose(article, top), {"body": "Hein Vanhaezebrouck!", "parent": top.pk}
    )
    first = Comment.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/reacties/{top.pk}/#reactie-{first.pk}"
    reader_client.post(compose(article), {"body": "Nooit.", "parent": first.pk})
    second = Comment.objects.latest("pk")
    assert (first.parent_id, first.root_id, first.depth) == (top.pk, top.pk, 1)
    assert (second.parent_id, second.root_id, second.depth) == (first.pk, top.pk, 2)
    html = reader_client.get(f"/reacties/{top.pk}/").content.decode()
    # Nested lists: the second reply sits inside the first reply's list of replies.
    nested = html.split(f'id="reactie-{first.pk}"', 1)[1]
    assert nested.index(f'id="reactie-{second.pk}"') < nested.index("</li>")


def test_anonymous_post_keeps_the_text_through_the_login(client, article, reader):
    response = client.post(
        compose(article), {"body": "Mijn mening over de derby"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert Comment.objects.filter(body__contains="derby").count() == 0
    client.force_login(reader)
    page = client.get(compose(article)).content.decode()
    assert "Mijn mening over de derby</textarea>" in page


def test_anonymous_json_post_asks_to_log_in(client, article):
    response = client.post(
        compose(article), {"body": "hallo"}, HTTP_ORIGIN="http://testserver", **JSON
    )
    assert response.status_code == 401
    assert response.json()["login_url"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Je reactie is leeg."),
        ("   \n\n \u200b ", "Je reactie is leeg."),
        ("x" * 2001, "Je reactie is 2001 tekens lang; er mogen er hoogstens 2000 zijn."),
        ("y" * 100_000, "Je reactie is 100000 tekens lang"),
    ],
)
def test_empty_or_too_long_bodies_get_a_form_error_and_keep_the_text(
    reader_client, article, body, message
):
    response = reader_client.post(compose(article), {"body": body})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert body.strip("\u200b \n")[:1000] in html  # nothing the reader typed is lost
    json = reader_client.post(compose(article), {"body": body}, **JSON)
    assert json.status_code == 400 and message in json.json()["message"]
    assert Comment.objects.filter(page=article).count() == 2  # only the reader's old ones


def test_exactly_2000_characters_is_fine(reader_client, article):
    response = reader_client.post(compose(article), {"body": "z" * 2000}, **JSON)
    assert response.status_code == 201


def test_broken_utf8_and_null_bytes_do_not_break_anything(reader_client, article):
    form = "application/x-www-form-urlencoded"
    encoded = b"body=Goal+%FF%FE+van+%C3+Lukaku%00%00&parent="
    assert reader_client.post(compose(article), encoded, content_type=form).status_code == 302
    assert Comment.objects.latest("pk").body == "Goal \ufffd\ufffd van \ufffd Lukaku"
    literal = b"body=Rode+\xff\xfe+kaart+\xc3&parent="
    assert reader_client.post(compose(article), literal, content_type=form).status_code == 302
    assert Comment.objects.latest("pk").body.startswith("Rode ")


def test_the_same_text_twice_in_a_row_is_refused(reader_client, article):
    assert reader_client.post(compose(article), {"body": "Allez Mauves!"}).status_code == 302
    response = reader_client.post(compose(article), {"body": "  allez   MAUVES! "})
    assert response.status_code == 400
    assert "Je plaatste net dezelfde reactie" in response.content.decode()
    assert reader_client.post(compose(article), {"body": "Allez Mauves!!"}).status_code == 302


def test_unknown_or_foreign_parent_is_a_404_and_a_hidden_parent_a_409(
    reader_client, article, section
):
    from kopbal.news.tests.factories import publish_article

    other_article = publish_article(section, title="Ander artikel")
    foreign = Comment.objects.create(page=other_article, author=make_reader(), body="elders")
    assert (
        reader_client.post(compose(article), {"body": "x", "parent": foreign.pk}).status_code == 404
    )
    assert reader_client.post(compose(article), {"body": "x", "parent": "abc"}).status_code == 404
    gone = Comment.objects.create(
        page=article, author=make_reader(), body="weg", status=CommentStatus.REMOVED
    )
    response = reader_client.post(compose(article), {"body": "x", "parent": gone.pk})
    assert response.status_code == 409
    assert "Op deze reactie kan je niet meer antwoorden" in response.content.decode()


def test_unpublished_article_takes_no_comments(reader_client, article):
    article.unpublish()
    assert reader_client.post(compose(article), {"body": "hallo"}).status_code == 404


class TestClosing:
    def test_the_form_goes_when_comments_close_automatically(self, client, section, rules):
        """The comment section is kept rendered (pagecache.fragment): closing by time,
        which no purge announces, still takes the form away at once."""
        from kopbal.news.tests.factories import publish_article

        rules.auto_close_days = 1
        rules.save()
        article = publish_article(
            section,
            title="Bijna dicht",
            first_published_at=timezone.now() - timedelta(days=1, seconds=-30),
        )
        assert "data-comment-form" in client.get(article.url).content.decode()
        with time_machine.travel(timezone.now() + timedelta(seconds=60), tick=False):
            html = client.get(article.url).content.decode()
        assert "De reacties sluiten 1 dag na publicatie." in html
        assert "data-comment-form" not in html.split('id="reacties"', 1)[1]

    def test_closed_article_refuses_with_a_reason(self, reader_client, article):
        article.comments_closed = True
        article.save_revision().publish()
        response = reader_client.post(compose(article), {"body": "nog iets"})
        assert response.status_code == 403
        assert (
            "De redactie heeft de reacties onder dit artikel gesloten." in response.content.decode()
        )
        assert not Comment.objects.filter(body="nog iets").exists()

    def test_comments_close_automatically_after_the_configured_days(
        self, reader_client, reader, article, rules
    ):
        rules.auto_close_days = 3
        rules.save()
        published = article.first_published_at
        with time_machine.travel(published + timedelta(days=2, hours=23), tick=False):
            assert reader_client.post(compose(article), {"body": "net op tijd"}).status_code == 302
        assert Comment.objects.filter(body="net op tijd").exists()
        with time_machine.travel(published + timedelta(days=3, minutes=1), tick=False):
            response = reader_client.post(compose(article), {"body": "te laat"})
        assert response.status_code == 403
        assert "De reacties sluiten 3 dagen na publicatie." in response.content.decode()
        assert not Comment.objects.filter(body="te laat").exists()
        rules.auto_close_days = 0
        rules.save()
        with time_machine.travel(published + timedelta(days=300), tick=False):
            reader_client.force_login(reader)  # a session from today would have expired
            assert reader_client.post(compose(article), {"body": "nooit dicht"}).status_code == 302
        assert Comment.objects.filter(body="nooit dicht").exists()


class TestPreModeration:
    """Each rule sends the comment to the queue (not the page), says why, and logs it."""

    def held(self, client, article, body="Gewone reactie"):
        response = client.post(compose(article), {"body": body}, **JSON)
        assert response.status_code == 201
        assert response.json()["held"] is True
        comment = Comment.objects.get(pk=response.json()["id"])
        assert comment.status == CommentStatus.PENDING
        assert ModerationLog.objects.filter(comment=comment, action="hold", moderator=None).exists()
        return comment

    def test_a_new_accounts_first_comments(self, client, article, newcomer, rules):
        client.force_login(newcomer)
        before = visible_count(article)
        first = self.held(client, article, "Mijn eerste reactie")
        assert "nieuwe lezer (0 goedgekeurde reacties)" in first.held_reason
        assert visible_count(article) == before
        first.status = CommentStatus.VISIBLE
        first.save()
        self.held(client, article, "Mijn tweede reactie")
        Comment.objects.filter(author=newcomer).update(status=CommentStatus.VISIBLE)
        response = client.post(compose(article), {"body": "Nu vertrouwd"}, **JSON)
        assert response.json()["held"] is False
        rules.premoderate_first = 0
        rules.save()
        client.force_login(make_reader())
        fresh = client.post(compose(article), {"body": "Vers"}, **JSON).json()
        assert fresh["held"] is False, Comment.objects.get(pk=fresh["id"]).held_reason

    def test_a_banned_word(self, reader_client, article):
        comment = self.held(reader_client, article, "De scheids is een Kl00tzak")
        assert comment.held_reason == "verboden woord: klootzak"

    def test_a_word_added_in_the_admin_applies_at_once(self, reader_client, article):
        from kopbal.comments.models import BannedWord

        assert (
            reader_client.post(compose(article), {"body": "die prutser"}, **JSON).json()["held"]
            is False
        )
        BannedWord.objects.create(word="Prutser*")
        assert self.held(reader_client, article, "wat een prutsers").held_reason == (
            "verboden woord: prutsers"
        )

    def test_too_many_links(self, reader_client, article, rules):
        rules.max_links = 1
        rules.save()
        ok = reader_client.post(compose(article), {"body": "zie www.a.be"}, **JSON)
        assert ok.json()["held"] is False
        comment = self.held(reader_client, article, "zie www.a.be en https://b.be/x")
        assert comment.held_reason == "2 links"

    def test_an_article_set_to_pre_moderate_everything(self, reader_client, article):
        article.comments_premoderated = True
        article.save_revision().publish()
        comment = self.held(reader_client, article)
        assert comment.held_reason == "artikel: alle reacties eerst nakijken"

    def test_moderators_are_trusted(self, client, article, users):
        article.comments_premoderated = True
        article.save_revision().publish()
        client.force_login(users("moderator"))
        response = client.post(
            compose(article), {"body": "Kl00tzak is geen woord voor hier"}, **JSON
        )
        assert response.json()["held"] is False


class TestEditAndDelete:
    def post(self, client, article, body):
        return Comment.objects.get(
            pk=client.post(compose(article), {"body": body}, **JSON).json()["id"]
        )

    def test_edit_within_the_window_is_marked_edited(self, reader_client, article):
        comment = self.post(reader_client, article, "Vanhaezebrouck")
        response = reader_client.post(
            reverse("comments:edit", args=[comment.pk]),
            {"body": "Vanhaezebrouck, zeker weten"},
            **JSON,
        )
        assert response.status_code == 200
        assert "bewerkt" in response.json()["html"]
        comment.refresh_from_db()
        assert comment.body == "Vanhaezebrouck, zeker weten" and comment.edited_at

    def test_edit_after_the_window_is_refused(self, reader_client, article, rules):
        comment = self.post(reader_client, article, "eerste versie")
        with time_machine.travel(timezone.now() + timedelta(minutes=rules.edit_minutes, seconds=1)):
            response = reader_client.post(
                reverse("comments:edit", args=[comment.pk]), {"body": "later"}
            )
            assert response.status_code == 403
            assert "maar 5 minuten na het plaatsen bewerken" in response.content.decode()
            assert reader_client.get(reverse("comments:edit", args=[comment.pk])).status_code == 403
        comment.refresh_from_db()
        assert comment.body == "eerste versie"

    def test_an_edit_that_trips_a_rule_goes_back_to_the_queue(self, reader_client, article):
        comment = self.post(reader_client, article, "netjes")
        reader_client.post(reverse("comments:edit", args=[comment.pk]), {"body": "klootzak"})
        comment.refresh_from_db()
        assert comment.status == CommentStatus.PENDING
        assert comment.held_reason == "verboden woord: klootzak (na bewerking)"

    def test_nobody_edits_or_deletes_someone_elses_comment(self, client, article, reader):
        comment = Comment.objects.create(page=article, author=reader, body="van mij")
        client.force_login(make_reader())
        for name in ("comments:edit", "comments:delete"):
            response = client.post(reverse(name, args=[comment.pk]), {"body": "gekaapt"})
            assert response.status_code == 403
        comment.refresh_from_db()
        assert comment.body == "van mij" and comment.status == CommentStatus.VISIBLE

    def test_delete_leaves_a_placeholder_only_when_there_are_replies(
        self, reader_client, article, reader
    ):
        lonely = self.post(reader_client, article, "alleen")
        answered = self.post(reader_client, article, "met antwoord")
        Comment.objects.create(
            page=article,
            author=make_reader(),
            body="Mijn antwoord",
            parent=answered,
            root=answered,
            depth=1,
        )
        before = visible_count(article)
        for comment in (lonely, answered):
            response = reader_client.post(reverse("comments:delete", args=[comment.pk]))
            assert response.status_code == 302
        assert visible_count(article) == before - 2
        html = reader_client.get(article.url).content.decode()
        assert "alleen" not in html and f'id="reactie-{lonely.pk}"' not in html
        assert "met antwoord" not in html
        assert "Deze reactie werd verwijderd door de schrijver." in html
        assert "Mijn antwoord" in html


class TestRefusedWithoutJavaScript:
    """A post refused without JavaScript says why and gives the reader's text back."""

    def test_too_many_posts_in_a_row(self, reader_client, article, settings):
        settings.KOPBAL_COMMENT_RATE_LIMITS = {
            "post": (1, 100, 60),
            "like": (100, 100, 60),
            "report": (100, 100, 600),
        }
        assert reader_client.post(compose(article), {"body": "een"}).status_code == 302
        response = reader_client.post(compose(article), {"body": "Mijn tweede mening"})
        assert response.status_code == 429 and response["Retry-After"] == "60"
        html = response.content.decode()
        assert "Je plaatste te veel reacties na elkaar" in html
        assert "Mijn tweede mening</textarea>" in html
        assert not Comment.objects.filter(body="Mijn tweede mening").exists()

    def test_closed_since_the_page_was_loaded(self, reader_client, article):
        article.comments_closed = True
        article.save_revision().publish()
        response = reader_client.post(compose(article), {"body": "Net te laat"})
        assert response.status_code == 403
        html = response.content.decode()
        assert "De redactie heeft de reacties onder dit artikel gesloten." in html
        assert "Net te laat</textarea>" in html

    def test_banned(self, reader_client, article, reader, users):
        from kopbal.comments.actions import do_ban

        do_ban(moderator=users("moderator"), user=reader, reason="Spam over gokken", days=1)
        response = reader_client.post(compose(article), {"body": "Nog één keer"})
        assert response.status_code == 403
        html = response.content.decode()
        assert html.count("Spam over gokken") == 1
        assert "Nog één keer</textarea>" in html

    def test_a_hidden_comment_is_never_quoted(self, reader_client, article):
        gone = Comment.objects.create(
            page=article,
            author=make_reader(),
            body="Geheime scheldpartij",
            status=CommentStatus.REMOVED,
        )
        assert reader_client.get(compose(article, gone)).status_code == 404
        response = reader_client.post(
            compose(article, gone), {"body": "Mijn antwoord", "parent": gone.pk}
        )
        assert response.status_code == 409
        html = response.content.decode()
        assert "Op deze reactie kan je niet meer antwoorden" in html
        assert "Mijn antwoord</textarea>" in html
        assert "Geheime scheldpartij" not in html
