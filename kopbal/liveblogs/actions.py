"""Everything that changes a live blog: posting, editing, deleting, pinning, marking key
events, promoting an entry to an article, closing and reopening.

Each action runs in one transaction that first locks the blog row (so that an entry cannot
slip into a blog being closed), and purges the cached pages that show the blog once the
transaction has committed: readers' polls see the change within seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText, expand_db_html

from kopbal.core.pagecache import purge

from .models import KEY_EVENTS_TAG, LiveBlogEntry, LiveBlogPage, liveblog_tag

if TYPE_CHECKING:
    from kopbal.news.models import ArticlePage

ENTRY_FIELDS = (
    "headline",
    "body",
    "image",
    "image_caption",
    "embed_url",
    "poll",
    "article",
    "is_pinned",
    "is_key_event",
)


class LiveBlogClosed(ValidationError):
    """The blog was closed: nothing more can be posted until it is reopened."""

    def __init__(self) -> None:
        super().__init__(
            _("Deze liveblog is afgesloten: heropen hem om nog updates te plaatsen."),
            code="closed",
        )


@dataclass
class EntryData:
    """What an editor fills in for an entry (the form's cleaned data)."""

    headline: str = ""
    body: str = ""
    image: object | None = None
    image_caption: str = ""
    embed_url: str = ""
    embed_html: str = ""
    poll: object | None = None
    article: object | None = None
    is_pinned: bool = False
    is_key_event: bool = False
    posted_at: object | None = None


def _purge_after_commit(blog_id: int, key_events: bool) -> None:
    tags = {liveblog_tag(blog_id)}
    if key_events:
        tags.add(KEY_EVENTS_TAG)
    transaction.on_commit(lambda: purge(tags))


def _lock_blog(blog: LiveBlogPage, *, require_open: bool = False) -> None:
    """Serialises changes to one blog; posting also needs it open. Corrections (edits,
    pins, deletions) stay possible after closing."""
    closed_at = (
        LiveBlogPage.objects.select_for_update()
        .filter(pk=blog.pk)
        .values_list("closed_at", flat=True)
        .first()
    )
    blog.closed_at = closed_at
    if require_open and closed_at is not None:
        raise LiveBlogClosed()


BLOCK_KEYS = re.compile(r' data-block-key="[^"]*"')


def render_body(body: str) -> str:
    """The rich text as readers get it: internal links resolved once, at saving time (and
    without the editor's block keys)."""
    return BLOCK_KEYS.sub("", expand_db_html(body)) if body else ""


def _check(data: EntryData) -> None:
    text = strip_tags(data.body or "").strip()
    if not (
        data.headline.strip() or text or data.image or data.embed_url or data.poll or data.article
    ):
        raise ValidationError(
            _("Een update zonder kop, tekst, foto, link, peiling of artikel is leeg."),
            code="empty",
        )
    if data.is_key_event and not (data.headline or text):
        raise ValidationError(
            {"headline": _("Een sleutelmoment heeft een kop of tekst nodig.")}, code="key"
        )


def do_post_entry(blog: LiveBlogPage, data: EntryData, *, author) -> LiveBlogEntry:
    """A new entry, live at once. Refused on a closed blog."""
    _check(data)
    now = timezone.now()
    with transaction.atomic():
        _lock_blog(blog, require_open=True)
        entry = LiveBlogEntry.objects.create(
            blog=blog,
            posted_at=data.posted_at or now,
            headline=data.headline,
            body=data.body,
            body_html=render_body(data.body),
            image=data.image,
            image_caption=data.image_caption,
            embed_url=data.embed_url,
            embed_html=data.embed_html,
            poll=data.poll,
            article=data.article,
            is_pinned=data.is_pinned,
            is_key_event=data.is_key_event,
            author=author,
            created_at=now,
            updated_at=now,
        )
        _purge_after_commit(blog.pk, entry.is_key_event)
    return entry


def do_edit_entry(entry: LiveBlogEntry, data: EntryData, *, editor) -> LiveBlogEntry:
    """Changes an entry's content; readers see `bijgewerkt` with the time."""
    _check(data)
    now = timezone.now()
    with transaction.atomic():
        _lock_blog(entry.blog)
        was_key = entry.is_key_event
        for name in ENTRY_FIELDS:
            setattr(entry, name, getattr(data, name))
        entry.embed_html = data.embed_html
        if data.posted_at:
            entry.posted_at = data.posted_at
        entry.body_html = render_body(entry.body)
        entry.edited_at = now
        entry.updated_at = now
        entry.save()
        _purge_after_commit(entry.blog_id, was_key or entry.is_key_event)
    return entry


def _set_flag(entry: LiveBlogEntry, name: str, value: bool) -> LiveBlogEntry:
    with transaction.atomic():
        _lock_blog(entry.blog)
        now = timezone.now()
        setattr(entry, name, value)
        entry.updated_at = now
        LiveBlogEntry.objects.filter(pk=entry.pk).update(**{name: value, "updated_at": now})
        _purge_after_commit(entry.blog_id, name == "is_key_event" or entry.is_key_event)
    return entry


def do_pin_entry(entry: LiveBlogEntry, pinned: bool = True) -> LiveBlogEntry:
    """Pinned entries stay on top of the blog, above the timeline."""
    return _set_flag(entry, "is_pinned", pinned)


def do_mark_key_event(entry: LiveBlogEntry, key: bool = True) -> LiveBlogEntry:
    """Key events are listed at the top of the blog and, while it is open, on the home page."""
    if key and not (entry.headline or entry.text):
        raise ValidationError(_("Een sleutelmoment heeft een kop of tekst nodig."))
    return _set_flag(entry, "is_key_event", key)


def do_delete_entry(entry: LiveBlogEntry) -> LiveBlogEntry:
    """Gone for readers (open pages drop it at their next poll); the row stays for the
    record and can be restored."""
    with transaction.atomic():
        now = timezone.now()
        entry.deleted_at = entry.updated_at = now
        LiveBlogEntry.objects.filter(pk=entry.pk).update(deleted_at=now, updated_at=now)
        _purge_after_commit(entry.blog_id, entry.is_key_event)
    return entry


def do_restore_entry(entry: LiveBlogEntry) -> LiveBlogEntry:
    with transaction.atomic():
        _lock_blog(entry.blog)
        now = timezone.now()
        entry.deleted_at = None
        entry.updated_at = now
        LiveBlogEntry.objects.filter(pk=entry.pk).update(deleted_at=None, updated_at=now)
        _purge_after_commit(entry.blog_id, entry.is_key_event)
    return entry


def do_close_blog(blog: LiveBlogPage, *, user) -> LiveBlogPage:
    """No more entries; the page says the blog is closed and readers' pages stop asking."""
    with transaction.atomic():
        now = timezone.now()
        LiveBlogPage.objects.select_for_update().filter(pk=blog.pk).update(closed_at=now)
        blog.closed_at = now
        _purge_after_commit(blog.pk, True)
        transaction.on_commit(lambda: purge({f"page-{blog.pk}"}))
    return blog


def do_reopen_blog(blog: LiveBlogPage, *, user) -> LiveBlogPage:
    with transaction.atomic():
        LiveBlogPage.objects.select_for_update().filter(pk=blog.pk).update(closed_at=None)
        blog.closed_at = None
        _purge_after_commit(blog.pk, True)
        transaction.on_commit(lambda: purge({f"page-{blog.pk}"}))
    return blog


def _first_sentence(text: str, limit: int) -> str:
    sentence = text.split(". ")[0].strip()
    return Truncator(sentence).chars(limit) if sentence else ""


def do_promote_entry(entry: LiveBlogEntry, *, user) -> ArticlePage:
    """The entry becomes the first draft of an article in the blog's section, written by the
    entry's author; the entry links to it once it is published."""
    from kopbal.news.models import ArticlePage, ArticlePageAuthor

    if entry.promoted_to_id:
        raise ValidationError(_("Van deze update bestaat al een artikel."), code="promoted")
    section = entry.blog.get_parent().specific
    text = entry.text
    title = entry.headline or _first_sentence(text, 100) or entry.blog.title
    body = [("paragraph", RichText(entry.body))] if entry.body else []
    if entry.poll_id:
        body.append(("poll", entry.poll))
    page = ArticlePage(
        title=title,
        lead=text or title,
        body=body,
        hero_image=entry.image,
        hero_caption=entry.image_caption,
        live=False,
        owner=user,
    )
    author = getattr(entry.author, "author_profile", None) if entry.author_id else None
    if author is not None:
        page.article_authors = [ArticlePageAuthor(author=author)]
    with transaction.atomic():
        section.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        LiveBlogEntry.objects.filter(pk=entry.pk).update(promoted_to=page)
        entry.promoted_to = page
    return page
