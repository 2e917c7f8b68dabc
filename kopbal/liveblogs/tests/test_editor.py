"""The live blog editor in the admin: post, correct, pin, key events, delete and restore,
promote to an article, close and reopen; refusals come back as Dutch form errors."""

import pytest
from django.core.exceptions import ValidationError

from kopbal.liveblogs.actions import EntryData, do_close_blog, do_post_entry
from kopbal.liveblogs.models import LiveBlogEntry
from kopbal.news.models import ArticlePage, Author

from .factories import draftail


@pytest.fixture
def editor_client(client, users):
    client.force_login(users("editor"))
    return client


def editor_url(blog) -> str:
    return f"/admin/liveblogs/{blog.pk}/"


def entry_form(text: str = "", **extra) -> dict:
    data = {
        "headline": "",
        "body": draftail(text),
        "image": "",
        "image_caption": "",
        "embed_url": "",
        "poll": "",
        "article": "",
        "posted_at": "",
    }
    data.update(extra)
    return data


def test_editor_posts_an_entry_and_readers_see_it(editor_client, client, blog, users):
    Author.objects.create(name="Jan Janssens", slug="jan-janssens", user=users("editor"))
    response = editor_client.post(
        editor_url(blog),
        entry_form(
            "Antwerp en Genk zijn het eens over Praet.",
            headline="Akkoord voor Praet",
            is_key_event="on",
        ),
    )
    assert response.status_code == 302 and response["Location"] == editor_url(blog)
    entry = LiveBlogEntry.objects.get()
    assert entry.body_html == "<p>Antwerp en Genk zijn het eens over Praet.</p>"
    assert entry.is_key_event and entry.author == users("editor")
    page = editor_client.get(editor_url(blog)).content.decode()
    assert "Update geplaatst om" in page  # the message after the redirect
    assert "Akkoord voor Praet" in page
    client.logout()
    html = client.get(blog.url).content.decode()
    assert "Akkoord voor Praet" in html and "door Jan Janssens" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (entry_form(""), "Een update zonder kop, tekst, foto, link, peiling of artikel is leeg."),
        (entry_form("", is_key_event="on"), "Een update zonder kop"),
        (entry_form("Te vroeg", posted_at="2999-01-01 12:00"), "niet in de toekomst"),
        (entry_form("Link", embed_url="geen link"), "Voer een geldige URL in"),
    ],
)
def test_bad_entries_get_form_errors(editor_client, blog, data, message):
    response = editor_client.post(editor_url(blog), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LiveBlogEntry.objects.exists()


def test_no_entries_on_a_closed_blog(editor_client, blog, users):
    do_close_blog(blog, user=users("editor"))
    response = editor_client.post(editor_url(blog), entry_form("Nog een update"))
    assert response.status_code == 400
    assert "Deze liveblog is afgesloten: heropen hem" in response.content.decode()
    assert not LiveBlogEntry.objects.exists()
    with pytest.raises(ValidationError):
        do_post_entry(blog, EntryData(body="<p>x</p>"), author=None)
    # Reopened, it takes entries again.
    editor_client.post(f"/admin/liveblogs/{blog.pk}/afsluiten/", {"reopen": "1"})
    assert editor_client.post(editor_url(blog), entry_form("Weer open")).status_code == 302
    assert LiveBlogEntry.objects.count() == 1


def test_close_survives_publishing_an_older_revision(editor_client, blog, users):
    editor_client.post(f"/admin/liveblogs/{blog.pk}/afsluiten/")
    blog.refresh_from_db()
    assert blog.is_closed
    blog.get_latest_revision().publish()  # the revision from before closing
    blog.refresh_from_db()
    assert blog.is_closed


def test_entry_actions(editor_client, client, blog, users):
    entry = do_post_entry(blog, EntryData(body="<p>Eerste</p>"), author=users("editor"))
    base = f"/admin/liveblogs/{blog.pk}/update/{entry.pk}/"
    for action, check in [
        ("pin", lambda e: e.is_pinned),
        ("key", lambda e: e.is_key_event),
        ("unpin", lambda e: not e.is_pinned),
        ("unkey", lambda e: not e.is_key_event),
        ("delete", lambda e: e.deleted_at is not None),
        ("restore", lambda e: e.deleted_at is None),
    ]:
        assert editor_client.post(base + f"{action}/").status_code == 302
        entry.refresh_from_db()
        assert check(entry), action
    assert editor_client.post(base + "weg/").status_code == 400
    assert editor_client.get(base + "pin/").status_code == 405

    editor_client.post(base + "delete/")
    client.logout()
    assert "Eerste" not in client.get(blog.url).content.decode()


def test_editing_marks_the_entry_as_updated(editor_client, client, blog, users):
    entry = do_post_entry(blog, EntryData(body="<p>Praet naar Gnek</p>"), author=users("editor"))
    url = f"/admin/liveblogs/{blog.pk}/update/{entry.pk}/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, entry_form("Praet naar Genk"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body_html == "<p>Praet naar Genk</p>" and entry.edited_at
    client.logout()
    html = client.get(blog.url).content.decode()
    assert "Praet naar Genk" in html and "bijgewerkt" in html


def test_promote_an_entry_to_an_article_draft(editor_client, blog, section, users):
    entry = do_post_entry(
        blog,
        EntryData(headline="Praet tekent bij Genk", body="<p>Hij tekent voor drie jaar.</p>"),
        author=users("editor"),
    )
    response = editor_client.post(f"/admin/liveblogs/{blog.pk}/update/{entry.pk}/artikel/")
    article = ArticlePage.objects.get(title="Praet tekent bij Genk")
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live and article.get_parent().pk == section.pk
    assert article.lead == "Hij tekent voor drie jaar."
    assert article.body[0].block_type == "paragraph"
    entry.refresh_from_db()
    assert entry.promoted_to_id == article.pk
    # Twice is refused with a message, not a second article.
    editor_client.post(f"/admin/liveblogs/{blog.pk}/update/{entry.pk}/artikel/")
    assert ArticlePage.objects.filter(title="Praet tekent bij Genk").count() == 1


def test_readers_may_not_write(client, blog, users):
    client.force_login(users("reader"))
    response = client.post(editor_url(blog), entry_form("Hack"))
    assert response.status_code in (302, 403)
    assert not LiveBlogEntry.objects.exists()


def test_editors_create_a_live_blog_in_a_section(editor_client, section):
    from wagtail.test.utils.form_data import nested_form_data

    from kopbal.liveblogs.models import LiveBlogPage

    url = f"/admin/pages/add/liveblogs/liveblogpage/{section.pk}/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url,
        nested_form_data(
            {
                "title": "Transferdeadline live",
                "slug": "transferdeadline-live",
                "lead": "Alle transfers van de laatste dag.",
                "hero_image": "",
                "hero_caption": "",
                "key_events_on_home": "on",
            }
        ),
    )
    assert response.status_code == 302
    blog = LiveBlogPage.objects.get(slug="transferdeadline-live")
    assert blog.get_parent().pk == section.pk and not blog.is_closed


def test_the_editor_is_reachable_from_the_page_edit_screen(editor_client, blog):
    html = editor_client.get(f"/admin/pages/{blog.pk}/edit/").content.decode()
    assert f'href="{editor_url(blog)}"' in html


def test_an_embedded_video_is_resolved_once_when_posting(editor_client, client, blog):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    url = "https://www.youtube.com/watch?v=kopbal123"
    # Wagtail's own embed cache, as a first fetch from YouTube would have filled it.
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        provider_name="YouTube",
        html='<iframe src="https://www.youtube.com/embed/kopbal123" title="Praet"></iframe>',
    )
    response = editor_client.post(editor_url(blog), entry_form("Kijk:", embed_url=url))
    assert response.status_code == 302
    entry = LiveBlogEntry.objects.get()
    assert "youtube.com/embed/kopbal123" in entry.embed_html
    client.logout()
    assert 'src="https://www.youtube.com/embed/kopbal123"' in client.get(blog.url).content.decode()


def test_a_link_we_cannot_embed_is_a_form_error(editor_client, blog):
    response = editor_client.post(
        editor_url(blog), entry_form("Kijk:", embed_url="https://example.com/geen-video")
    )
    assert response.status_code == 400
    assert "Deze link kunnen we niet insluiten" in response.content.decode()
    assert not LiveBlogEntry.objects.exists()
