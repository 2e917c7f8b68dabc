"""Deadline day in two browsers: an editor writes, a reader's open page follows along."""

import pytest

from kopbal.liveblogs.models import LiveBlogEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_sees_new_entries_after_nieuwe_updates_without_reload(
    live_server, blog, users, browser, page_in_browser, settings
):
    settings.KOPBAL_LIVEBLOG_POLL_SECONDS = 1
    editor = users("editor")

    # The reader has had the blog open for a while.
    reader = page_in_browser
    reader.goto(live_server.url + blog.url)
    assert reader.get_by_text("Nog geen updates").is_visible()
    reader.evaluate("window.__stillTheSamePage = true")

    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    admin = context.new_page()
    admin.set_default_timeout(30_000)  # the Wagtail editor is heavy on a loaded 2-core CI
    try:
        admin.goto(f"{live_server.url}/admin/login/")
        admin.fill("input[name=username]", editor.username)
        admin.fill("input[name=password]", "wachtwoord-editor")
        admin.click("button[type=submit]")
        admin.wait_for_url("**/admin/")
        admin.goto(f"{live_server.url}/admin/pages/{blog.pk}/edit/")
        admin.get_by_role("link", name="Updates schrijven").first.click()
        admin.wait_for_url(f"**/admin/liveblogs/{blog.pk}/")

        posts = [
            ("Praet in Genk voor medische testen", "De middenvelder is gesignaleerd.", False),
            ("Akkoord tussen Antwerp en Genk", "De clubs zijn het eens over de som.", True),
            ("Nog niets nieuws over Vazquez", "Anderlecht houdt de boot af.", False),
        ]
        for headline, text, key in posts:
            admin.fill("#id_headline", headline)
            body = admin.locator(".Draftail-Editor [contenteditable=true]")
            body.click()
            admin.keyboard.type(text)
            if key:
                admin.check("#id_is_key_event")
            admin.get_by_role("button", name="Update plaatsen").click()
            admin.wait_for_url(f"**/admin/liveblogs/{blog.pk}/")
            admin.get_by_text("Update geplaatst om").wait_for()
        first = LiveBlogEntry.objects.get(headline=posts[0][0])
        admin.locator(f"#entry-{first.pk}").get_by_role("button", name="Vastpinnen").click()
        admin.get_by_text("Update vastgepind.").wait_for()
    finally:
        context.close()

    # Nothing moved on the reader's page: the news waits behind the button.
    button = reader.get_by_role("button", name="Toon nieuwe updates (2)")
    button.wait_for(state="visible")
    assert reader.locator("[data-liveblog-entries] > li").count() == 0
    button.click()

    assert reader.evaluate("window.__stillTheSamePage") is True  # no reload
    assert button.is_hidden()
    stream = reader.locator("[data-liveblog-entries] > li .entry__title")
    assert stream.all_inner_texts() == [posts[2][0], posts[1][0]]
    pinned = reader.locator(".liveblog__pinned .entry__title")
    assert pinned.all_inner_texts() == [posts[0][0]]
    key_events = reader.locator(".key-events")
    assert key_events.get_by_role("link").all_inner_texts() == [posts[1][0]]
    # The key events sit at the very top, above the pinned entry and the timeline.
    tops = [
        reader.locator(sel).first.bounding_box()["y"]
        for sel in (".key-events", ".liveblog__pinned", "[data-liveblog-entries] > li")
    ]
    assert tops == sorted(tops)
    assert reader.get_by_text("Nog geen updates").count() == 0
