"""Logged-in readers get the cached pages too, with their own personal parts in them."""

import re

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client

from kopbal.comments.models import Comment
from kopbal.comments.tests.conftest import make_reader
from kopbal.football.models import Club, ClubFollow
from kopbal.news.tests.factories import publish_article
from kopbal.users.roles import example_user

from .wsgi_client import wsgi_get

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_logged_in_readers_get_the_cached_page_with_their_own_parts(article):
    anonymous = wsgi_get(article.url)  # rendered once, stored for everyone
    assert 'name="csrfmiddlewaretoken"' not in anonymous.text
    assert int(anonymous.headers["content-length"]) == len(anonymous.body)
    assert "Om te reageren moet je" in anonymous.text
    jan = make_reader("jan", display_name="Jan uit Mechelen")
    piet = make_reader("piet", display_name="Piet van Paars-Wit")

    pages = {}
    for reader in (jan, piet):
        page = wsgi_get(article.url, HTTP_COOKIE=f"sessionid={session_of(reader)}")
        assert page.status == 200
        assert page.headers["x-kopbal-cache"] == "personal"
        assert page.headers["cache-control"] == "private, no-cache"
        assert "etag" not in page.headers
        assert "Om te reageren moet je" not in page.text
        pages[reader.public_name] = page.text
    assert "Jan uit Mechelen" in pages["Jan uit Mechelen"]
    assert "Piet van Paars-Wit" not in pages["Jan uit Mechelen"]
    assert "Piet van Paars-Wit" in pages["Piet van Paars-Wit"]
    assert "Jan uit Mechelen" not in pages["Piet van Paars-Wit"]
    jan_token = TOKEN.search(pages["Jan uit Mechelen"])[1]
    piet_token = TOKEN.search(pages["Piet van Paars-Wit"])[1]
    assert jan_token and piet_token and jan_token != piet_token
    # Everybody else still gets the one shared copy, without anybody's name.
    again = wsgi_get(article.url)
    assert again.headers["x-kopbal-cache"] == "hit"
    assert again.body == anonymous.body


def test_the_filled_in_token_lets_a_reader_comment_without_javascript(article):
    wsgi_get(article.url)
    reader = make_reader("supporter", approved=5, page=article)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    page = client.get(article.url)
    assert page["X-Kopbal-Cache"] == "personal"
    token = TOKEN.search(page.content.decode())[1]
    posted = client.post(
        f"/reacties/artikel/{article.pk}/schrijven/",
        {"body": "Eindelijk nog eens drie punten.", "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302
    assert Comment.objects.filter(page=article, author=reader).exists()
    # Without the token the same post is refused: the token really is the reader's own.
    refused = Client(enforce_csrf_checks=True)
    refused.force_login(reader)
    assert (
        refused.post(f"/reacties/artikel/{article.pk}/schrijven/", {"body": "x"}).status_code == 403
    )


def test_a_personal_page_costs_a_few_queries_not_a_rendering(
    article, django_assert_max_num_queries
):
    wsgi_get(article.url)
    client = Client()
    client.force_login(make_reader("Trouwe Lezer"))
    client.get(article.url)  # the session is cached now, as on a busy site
    with django_assert_max_num_queries(2):
        page = client.get(article.url)
    assert page["X-Kopbal-Cache"] == "personal"


def test_editors_and_readers_with_a_message_get_a_page_of_their_own(article):
    wsgi_get(article.url)
    editor = Client()
    editor.force_login(example_user("admin"))
    assert "X-Kopbal-Cache" not in editor.get(article.url)  # Wagtail's userbar is theirs
    reader = Client()
    reader.force_login(make_reader("Lezer met bericht"))
    message = Message(constants.SUCCESS, "Je reactie staat online.")
    reader.cookies["messages"] = CookieStorage(HttpRequest())._encode([message])
    page = reader.get(article.url)
    assert "X-Kopbal-Cache" not in page
    assert "Je reactie staat online." in page.content.decode()


def test_a_cached_club_page_shows_each_reader_their_follow_button(db):
    club = Club.objects.get(slug="kv-mechelen")
    anonymous = wsgi_get("/clubs/kv-mechelen/")
    assert "niet meer volgen" not in anonymous.text
    fan, other = make_reader("Maneblusser"), make_reader("Neutrale lezer")
    ClubFollow.objects.create(user=fan, club=club)
    fan_page = wsgi_get("/clubs/kv-mechelen/", HTTP_COOKIE=f"sessionid={session_of(fan)}")
    other_page = wsgi_get("/clubs/kv-mechelen/", HTTP_COOKIE=f"sessionid={session_of(other)}")
    assert fan_page.headers["x-kopbal-cache"] == "personal"
    assert "niet meer volgen" in fan_page.text
    assert other_page.headers["x-kopbal-cache"] == "personal"
    assert "niet meer volgen" not in other_page.text
    assert TOKEN.search(other_page.text)[1]


def test_kept_comment_sections_never_carry_one_readers_parts_to_another(article, client):
    """The comment section is kept rendered between page renders (pagecache.fragment):
    whoever rendered it first, everyone gets their own login hint and token."""
    reader = make_reader("eerste", display_name="Eerste Lezer")
    client.force_login(reader)
    own = client.get(article.url).content.decode()  # rendered for her: not stored whole
    assert "Om te reageren moet je" not in own
    token = TOKEN.search(own)[1]
    assert token

    anonymous = wsgi_get(article.url)  # the kept comment section, for nobody
    assert anonymous.headers.get("x-kopbal-cache") != "hit"
    assert "Om te reageren moet je" in anonymous.text
    assert token not in anonymous.text and "Eerste Lezer" not in anonymous.text
    assert 'name="csrfmiddlewaretoken"' not in anonymous.text


def test_closing_comments_everywhere_shows_at_once(section, client):
    """The rules are shown in the kept comment section: changing them purges it."""
    from datetime import timedelta

    from django.utils import timezone

    from kopbal.comments.models import CommentSettings

    old = publish_article(
        section, title="Van vorige week", first_published_at=timezone.now() - timedelta(days=5)
    )
    rules = CommentSettings.load()
    rules.auto_close_days = 0
    rules.save()
    assert 'class="comment-form"' in client.get(old.url).content.decode()
    rules.auto_close_days = 2
    rules.save()
    html = client.get(old.url).content.decode()
    assert "De reacties sluiten 2 dagen na publicatie." in html
    assert 'class="comment-form"' not in html
