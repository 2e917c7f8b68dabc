"""Comments and the page cache: cached article pages show new comments, likes and
moderation at once, and the form on a cached page (no CSRF token) still never loses text."""

from django.test import Client
from django.urls import reverse

from kopbal.comments.actions import do_approve, do_set_like
from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment
from kopbal.core.tests.wsgi_client import wsgi_get

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
