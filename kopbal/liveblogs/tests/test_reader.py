"""What readers get from a live blog: newest first, pinned and key events on top, older
entries step by step, structured data, and the cheap poll for new entries."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from kopbal.liveblogs.actions import (
    EntryData,
    do_close_blog,
    do_delete_entry,
    do_mark_key_event,
    do_pin_entry,
    do_post_entry,
)

from .factories import add_entries


def entry_ids(html: str, container: str = "data-liveblog-entries") -> list[int]:
    part = html.split(container, 1)[1].split("</ol>", 1)[0]
    return [int(x) for x in re.findall(r'data-entry="(\d+)"', part)]


def test_newest_first_with_pinned_and_key_events_on_top(client, blog, users):
    entries = add_entries(blog, 5)
    do_pin_entry(entries[1])
    do_mark_key_event(entries[2])
    html = client.get(blog.url).content.decode()
    top = html.split("data-liveblog-top", 1)[1].split("data-liveblog-entries", 1)[0]
    assert "Sleutelmomenten" in top and "Update 2: nieuws" in top
    assert entry_ids(top, 'class="liveblog__pinned"') == [entries[1].pk]
    # The timeline: newest first, without the pinned entry.
    assert entry_ids(html) == [e.pk for e in reversed(entries) if e != entries[1]]
    assert html.index("Sleutelmomenten") < html.index("data-liveblog-entries")


def test_a_closed_blog_says_so(client, blog, users):
    do_close_blog(blog, user=users("editor"))
    html = client.get(blog.url).content.decode()
    assert "Deze liveblog is afgesloten (" in html
    assert 'data-live="false"' in html


def test_500_entries_stay_within_the_query_budget(client, blog, django_assert_max_num_queries):
    entries = add_entries(blog, 500)
    for e in entries[-3:]:
        do_pin_entry(e)
    for e in entries[::50]:
        do_mark_key_event(e)
    client.get(blog.url)  # warm the navigation cache like a running site
    with django_assert_max_num_queries(15):
        response = client.get(blog.url)
    html = response.content.decode()
    assert len(entry_ids(html)) == 20
    # The older ones are one link (or, with JavaScript, one click) away.
    older = re.search(r'data-liveblog-older href="([^"]+)"', html).group(1)
    assert older == f"{blog.url}?vanaf={entries[-24].pk}"
    with django_assert_max_num_queries(15):
        page2 = client.get(older)
    assert entry_ids(page2.content.decode()) == [e.pk for e in reversed(entries[-43:-23])]
    with django_assert_max_num_queries(12):
        assert client.get(f"/liveblog/{blog.pk}/updates/").status_code == 200


@pytest.mark.parametrize(("cursor", "status"), [("abc", 400), ("99999999", 404)])
def test_bad_cursor(client, blog, cursor, status):
    add_entries(blog, 2)
    response = client.get(f"{blog.url}?vanaf={cursor}")
    assert response.status_code == status


def test_json_ld_is_a_live_blog_posting(client, blog, users):
    from datetime import datetime

    entries = add_entries(blog, 3)
    key = do_post_entry(
        blog,
        EntryData(headline="Praet naar Genk", body="<p>Het is rond.</p>", is_key_event=True),
        author=users("editor"),
    )
    html = client.get(blog.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [posting] = [d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting"]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == blog.title
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert datetime.fromisoformat(posting["coverageStartTime"]) == blog.first_published_at
    assert "coverageEndTime" not in posting
    assert posting["publisher"]["name"] == "Kopbal"
    updates = posting["liveBlogUpdate"]
    assert len(updates) == len(entries) + 1
    newest = updates[0]
    assert newest["@type"] == "BlogPosting" and newest["headline"] == "Praet naar Genk"
    assert newest["articleBody"] == "Het is rond."
    assert newest["author"] == {"@type": "Person", "name": "Editor"}
    assert newest["url"] == f"{canonical}#update-{key.pk}"
    assert datetime.fromisoformat(newest["datePublished"]) == key.posted_at
    # Closed, the blog says when its coverage ended.
    do_close_blog(blog, user=users("editor"))
    html = client.get(blog.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [posting] = [d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting"]
    assert datetime.fromisoformat(posting["coverageEndTime"]) >= key.posted_at


def poll(client, blog, **headers):
    return client.get(f"/liveblog/{blog.pk}/updates/", **headers)


def test_poll_answers_304_when_nothing_changed(client, blog, users):
    add_entries(blog, 3)
    first = poll(client, blog)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public")
    assert f"liveblog-{blog.pk}" in first["Cache-Tag"]
    etag = first["ETag"]
    again = poll(client, blog, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    # A browser that only kept the date gets a 304 for the price of one small query.
    later = http_date((timezone.now() + timedelta(seconds=5)).timestamp())
    assert poll(client, blog, HTTP_IF_MODIFIED_SINCE=later).status_code == 304

    entry = do_post_entry(blog, EntryData(body="<p>Nieuw!</p>"), author=users("editor"))
    changed = poll(client, blog, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    state = json.loads(changed.content)
    assert state["entries"][0]["id"] == entry.pk
    assert "Nieuw!" in state["entries"][0]["html"]
    assert (
        poll(
            client,
            blog,
            HTTP_IF_MODIFIED_SINCE=http_date((timezone.now() - timedelta(seconds=30)).timestamp()),
        ).status_code
        == 200
    )


def test_poll_state_follows_pins_key_events_and_deletions(client, blog, users):
    a, b, c = add_entries(blog, 3)
    state = json.loads(poll(client, blog).content)
    assert [e["id"] for e in state["entries"]] == [c.pk, b.pk, a.pk]
    token = state["top"]["token"]
    do_pin_entry(b)
    do_mark_key_event(c)
    do_delete_entry(a)
    state = json.loads(poll(client, blog).content)
    assert [e["id"] for e in state["entries"]] == [c.pk]
    assert state["top"]["token"] != token
    assert f'data-entry="{b.pk}"' in state["top"]["html"]
    assert "Sleutelmomenten" in state["top"]["html"]
    assert not state["closed"]


def test_poll_of_an_unpublished_blog_is_404(client, blog):
    blog.unpublish()
    assert poll(client, blog).status_code == 404
    assert client.get("/liveblog/999999/updates/").status_code == 404


def test_open_blogs_and_their_key_events_on_home_and_section_pages(
    client, blog, section, users, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    entries = add_entries(blog, 3)
    box = client.get("/").content.decode().split('class="live-now"', 1)[1].split("</section>")[0]
    assert blog.title in box and "Update 0: nieuws" not in box
    with django_capture_on_commit_callbacks(execute=True):  # the box is kept until then
        do_mark_key_event(entries[0])
    client.get("/")
    with django_assert_max_num_queries(15):
        html = client.get("/").content.decode()
    box = html.split('class="live-now"', 1)[1].split("</section>", 1)[0]
    assert "Update 0: nieuws" in box
    assert f"{blog.url}?vanaf={entries[0].pk}#update-{entries[0].pk}" in box
    listing = client.get(section.url).content.decode()
    assert f'<a href="{blog.url}">{blog.title}</a>' in listing.split('class="section-live"')[1]

    with django_capture_on_commit_callbacks(execute=True):
        do_close_blog(blog, user=users("editor"))
    assert 'class="live-now"' not in client.get("/").content.decode()
    # Closed, the blog stays findable in its section.
    assert "afgesloten" in client.get(section.url).content.decode().split('class="section-live"')[1]
