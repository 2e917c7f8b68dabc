"""Through the real WSGI front (page cache included): open pages' polls are answered from
the cache, and an editor's entry reaches them at the next poll."""

import json

import pytest
from django.core.cache import cache

from kopbal.core.tests.wsgi_client import wsgi_get
from kopbal.liveblogs.actions import EntryData, do_mark_key_event, do_post_entry

from .factories import add_entries


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_polls_come_from_the_cache_until_an_entry_is_posted(
    blog, users, django_capture_on_commit_callbacks
):
    add_entries(blog, 2)
    url = f"/liveblog/{blog.pk}/updates/"
    first = wsgi_get(url)
    assert first.status == 200 and "x-kopbal-cache" not in first.headers
    hit = wsgi_get(url)
    assert hit.headers["x-kopbal-cache"] == "hit" and hit.body == first.body
    revalidated = wsgi_get(url, HTTP_IF_NONE_MATCH=first.headers["etag"])
    assert revalidated.status == 304 and revalidated.body == b""

    with django_capture_on_commit_callbacks(execute=True):
        entry = do_post_entry(blog, EntryData(headline="Praet tekent"), author=users("editor"))
    fresh = wsgi_get(url, HTTP_IF_NONE_MATCH=first.headers["etag"])
    assert fresh.status == 200
    assert json.loads(fresh.body)["entries"][0]["id"] == entry.pk
    assert "Praet tekent" in wsgi_get(blog.url).text  # the page itself too


def test_a_key_event_reaches_the_cached_home_page(blog, django_capture_on_commit_callbacks):
    (entry,) = add_entries(blog, 1)
    assert f"#update-{entry.pk}" not in wsgi_get("/").text
    assert wsgi_get("/").headers.get("x-kopbal-cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        do_mark_key_event(entry)
    assert f"#update-{entry.pk}" in wsgi_get("/").text
