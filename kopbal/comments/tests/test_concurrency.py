"""Real concurrent HTTP requests against a live server on PostgreSQL: nothing lost, nothing
counted twice, no 500."""

from __future__ import annotations

import http.client
import secrets
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client

from kopbal.comments.models import Comment
from kopbal.news.models import ArticlePage
from kopbal.news.tests.factories import publish_article

from .conftest import make_reader

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HIGH_LIMITS = {"post": (1000, 10000, 60), "like": (1000, 10000, 60), "report": (1000, 10000, 60)}


def sessions_for(readers) -> list[str]:
    cookies = []
    for reader in readers:
        client = Client()
        client.force_login(reader)
        cookies.append(client.cookies["sessionid"].value)
    return cookies


def poster(live_server, token: str):
    host, port = live_server.url.removeprefix("http://").split(":")

    def post(path: str, session: str, data: dict) -> int:
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            conn.request(
                "POST",
                path,
                body=urllib.parse.urlencode(data),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={session}; csrftoken={token}",
                    "X-CSRFToken": token,
                },
            )
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    return post


@pytest.fixture
def readers(section):
    elsewhere = publish_article(section, title="Elders")
    return [make_reader(f"gelijktijdig{n}", approved=2, page=elsewhere) for n in range(50)]


def test_200_comments_at_once_by_50_readers(live_server, section, readers, settings):
    settings.KOPBAL_COMMENT_RATE_LIMITS = HIGH_LIMITS
    article = publish_article(section, title="Derby in Brussel")
    sessions = sessions_for(readers)
    post = poster(live_server, secrets.token_hex(16))
    path = f"/reacties/artikel/{article.pk}/schrijven/"

    def one(n: int) -> int:
        return post(path, sessions[n % 50], {"body": f"Reactie {n} van lezer {n % 50}"})

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(one, range(200)))

    assert statuses.count(302) == 200, {s: statuses.count(s) for s in set(statuses)}
    assert Comment.objects.filter(page=article).count() == 200
    assert Comment.objects.filter(page=article).values("body").distinct().count() == 200
    assert ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count == 200
    for reader in readers:
        assert Comment.objects.filter(page=article, author=reader).count() == 4
    html = Client().get(article.url).content.decode()
    assert "200 reacties" in html


def test_50_readers_like_one_comment_at_once(live_server, section, readers, settings):
    settings.KOPBAL_COMMENT_RATE_LIMITS = HIGH_LIMITS
    article = publish_article(section, title="Wie wordt kampioen?")
    comment = Comment.objects.create(page=article, author=make_reader(), body="Club Brugge")
    sessions = sessions_for(readers)
    post = poster(live_server, secrets.token_hex(16))
    path = f"/reacties/{comment.pk}/like/"
    # Every reader likes twice at once (a double click): still one like each.
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(
            pool.map(lambda n: post(path, sessions[n % 50], {"liked": "1"}), range(100))
        )
    assert set(statuses) == {302}
    comment.refresh_from_db()
    assert comment.like_count == 50 == comment.likes.count()
