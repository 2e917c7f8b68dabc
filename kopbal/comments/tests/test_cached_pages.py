"""Comments and the page cache: cached article pages show new comments, likes and
moderation at once, and the form on a cached page (no CSRF token) still never loses text."""

import re
import time
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kopbal.comments.actions import do_approve, do_set_like
from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment
from kopbal.core.tests.wsgi_client import wsgi_get
from kopbal.news.tests.factories import publish_article

from .conftest import make_reader


def test_cached_article_shows_comments_likes_and_moderation_at_once(
    article, reader, users, django_capture_on_commit_callbacks
):
    wsgi_get(article.url)
    assert wsgi_get(article.url).headers.get("x-kopbal-cache") == "hit"
    client = Client()
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comments:compose", args=[article.pk]), {"body": "Vers van de pers"})
    page = wsgi_get(article.url)
    assert "x-kopbal-cache" not in page.headers and "Vers van de pers" in page.text
    comment = Comment.objects.get(body="Vers van de pers")
    wsgi_get(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        do_set_like(user=make_reader(), comment=comment, liked=True)
    assert "<span data-like-count>1</span>" in wsgi_get(article.url).text
    held = Comment.objects.create(
        page=article, author=make_reader(), body="Eerst nakijken", status=CommentStatus.PENDING
    )
    assert "Eerst nakijken" not in wsgi_get(article.url).text
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(moderator=users("moderator"), comments=[held])
    assert "Eerst nakijken" in wsgi_get(article.url).text


def test_anonymous_post_from_a_cached_page_keeps_the_text_without_a_csrf_token(article, reader):
    client = Client(enforce_csrf_checks=True)
    url = reverse("comments:compose", args=[article.pk])
    foreign = client.post(url, {"body": "Van elders"}, HTTP_ORIGIN="https://evil.example")
    assert foreign.status_code == 403
    response = client.post(url, {"body": "Mijn tekst"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.filter(body="Mijn tekst").exists()
    client.force_login(reader)
    assert "Mijn tekst</textarea>" in client.get(url).content.decode()
    # Logged in, the post that writes the comment needs the real CSRF token.
    refused = client.post(url, {"body": "Mijn tekst"}, HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 403
    assert not Comment.objects.filter(body="Mijn tekst").exists()


def test_after_a_post_without_javascript_the_reader_sees_it_whatever_worker_answers(
    article, reader, django_capture_on_commit_callbacks
):
    from kopbal.core import pagecache

    wsgi_get(article.url)  # the shared page is cached
    client = Client()
    client.force_login(reader)
    assert client.get(article.url)["X-Kopbal-Cache"] == "personal"
    stale = pagecache.lookup("testserver", article.url, "")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comments:compose", args=[article.pk]), {"body": "Net geplaatst"}
        )
    assert response.status_code == 302
    # Another app server worker served this article a moment ago: its in-process copy (the
    # page cache's L1, kept up to L1_SECONDS) still lacks the comment; the purge only
    # cleared the L1 of the process that took the post.
    key = pagecache._page_key("testserver", article.url, "")
    pagecache._l1[key] = (time.monotonic(), stale)
    html = client.get(response["Location"]).content.decode()
    assert "Net geplaatst" in html
    assert "Je reactie staat online." in html


def test_counts_in_meest_recent_on_other_cached_pages_follow_within_the_cache_time(
    article, section, reader, settings, django_capture_on_commit_callbacks
):
    other = publish_article(section, title="Ander nieuws uit de Pro League")

    def count_shown() -> str:
        html = wsgi_get(other.url).text
        latest = html.split('id="meest-recent"', 1)[1]
        teaser = latest.split(f">{article.title}</a>", 1)[1].split("</article>", 1)[0]
        return re.search(r'aria-label="(\d+) reacti', teaser).group(1)

    before = count_shown()
    assert wsgi_get(other.url).headers.get("x-kopbal-cache") == "hit"
    client = Client()
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comments:compose", args=[article.pk]), {"body": "Telt mee"})
    later = timezone.now() + timedelta(seconds=settings.KOPBAL_PAGE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert int(count_shown()) == int(before) + 1


def test_meer_reacties_comes_from_the_page_cache_and_shows_new_replies_at_once(
    article, reader, settings, django_capture_on_commit_callbacks
):
    import json

    settings.KOPBAL_COMMENTS_PAGE = 2
    start = timezone.now() - timedelta(hours=1)
    for n in range(5):
        Comment.objects.create(
            page=article,
            author=make_reader(),
            body=f"Draad {n}",
            created_at=start + timedelta(minutes=n),
        )
    article_html = wsgi_get(article.url).text
    url = re.search(r'href="([^"]+)" data-more', article_html).group(1).replace("&amp;", "&")
    fragment_url = url + "&deel=1"
    first, fragment = wsgi_get(url), wsgi_get(fragment_url)
    assert first.status == fragment.status == 200
    assert wsgi_get(url).headers.get("x-kopbal-cache") == "hit"
    cached_fragment = wsgi_get(fragment_url)
    assert cached_fragment.headers.get("x-kopbal-cache") == "hit"
    assert cached_fragment.headers["content-type"] == "application/json"
    data = json.loads(cached_fragment.text)
    target = int(re.search(r'data-comment="(\d+)"', data["html"]).group(1))
    assert f'id="reactie-{target}"' in first.text  # the same threads either way

    client = Client()
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments:compose", args=[article.pk]),
            {"body": "Antwoord op een oudere draad", "parent": target},
        )
    for page in (wsgi_get(url), wsgi_get(fragment_url)):
        assert "x-kopbal-cache" not in page.headers
        assert "Antwoord op een oudere draad" in page.text
    # Asked for JSON by Accept alone (no `deel=1`), the answer is never stored for the URL.
    json_only = Client().get(url, HTTP_ACCEPT="application/json")
    assert json_only.json()["html"] and wsgi_get(url).headers["content-type"].startswith(
        "text/html"
    )
