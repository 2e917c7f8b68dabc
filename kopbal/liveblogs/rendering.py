"""What a reader of a live blog gets: the page's entries, the poll's JSON and the JSON-LD.

The page and the poll answer are built from the same pieces (the `top` with key events and
pinned entries, and the newest entries of the timeline), so that what the script inserts
is exactly what a reload would show.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from .conf import setting
from .models import LiveBlogEntry, LiveBlogPage

ENTRY_RENDITION = "width-800"
CURSOR_PARAM = "vanaf"
# Characters that must not appear raw inside <script>: the same escapes as json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _prefetch(entries: list[LiveBlogEntry]) -> None:
    """Images with their renditions and polls with their answers: a fixed number of
    queries for any number of entries."""
    from kopbal.polls.models import Poll

    prefetch_related_objects(
        entries,
        Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(ENTRY_RENDITION)),
        Prefetch("poll", queryset=Poll.objects.with_answers()),
    )


@dataclass
class Timeline:
    """One screen of a live blog."""

    pinned: list[LiveBlogEntry] = field(default_factory=list)
    entries: list[LiveBlogEntry] = field(default_factory=list)
    key_events: list[LiveBlogEntry] = field(default_factory=list)
    older_cursor: int | None = None  # the first entry of the next `Oudere updates` step
    anchor: LiveBlogEntry | None = None  # set when this screen starts at `?vanaf=`

    @property
    def is_first_page(self) -> bool:
        return self.anchor is None

    @property
    def shown_ids(self) -> set[int]:
        return {e.pk for e in self.pinned} | {e.pk for e in self.entries}

    @property
    def top_token(self) -> str:
        """Changes when the top (key events, pinned) would render differently."""
        parts = [f"k{e.pk}:{e.revision_token}" for e in self.key_events]
        parts += [f"p{e.pk}:{e.revision_token}" for e in self.pinned]
        return hashlib.sha1(",".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def parse_cursor(blog: LiveBlogPage, raw: str | None) -> LiveBlogEntry | None:
    """The `?vanaf=<id>` entry: 400 for garbage, 404 for an entry that is not (or no
    longer) in this blog."""
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise BadRequest(_("Deze link naar een update is ongeldig."))
    entry = (
        LiveBlogEntry.objects.visible()
        .filter(blog=blog, pk=int(raw))
        .only("pk", "posted_at")
        .first()
    )
    if entry is None:
        raise Http404(_("Deze update bestaat niet (meer)."))
    return entry


def timeline(blog: LiveBlogPage, anchor: LiveBlogEntry | None = None) -> Timeline:
    """The newest entries (or those from `anchor` on), pinned and key events on the first."""
    size = setting("KOPBAL_LIVEBLOG_PAGE_SIZE")
    entries_qs = LiveBlogEntry.objects.filter(blog=blog).stream().for_display()
    if anchor is not None:
        entries_qs = entries_qs.from_entry(anchor)
    entries = list(entries_qs[: size + 1])
    older = entries[size].pk if len(entries) > size else None
    entries = entries[:size]
    pinned = []
    if anchor is None:
        pinned = list(
            LiveBlogEntry.objects.filter(blog=blog)
            .pinned()
            .for_display()[: setting("KOPBAL_LIVEBLOG_PINNED_MAX")]
        )
    key_events = list(
        LiveBlogEntry.objects.filter(blog=blog)
        .key_events()
        .only("pk", "blog_id", "posted_at", "headline", "body_html", "updated_at", "is_pinned")[
            : setting("KOPBAL_LIVEBLOG_KEY_EVENTS_MAX")
        ]
    )
    _prefetch(pinned + entries)
    return Timeline(
        pinned=pinned, entries=entries, key_events=key_events, older_cursor=older, anchor=anchor
    )


def blog_context(blog: LiveBlogPage, request: HttpRequest) -> dict:
    """The template context of the live blog page."""
    from django.conf import settings

    from kopbal.news.models import ArticlePage

    anchor = parse_cursor(blog, request.GET.get(CURSOR_PARAM))
    line = timeline(blog, anchor)
    return {
        "timeline": line,
        "latest": list(
            ArticlePage.objects.published().for_listing()[: settings.KOPBAL_LATEST_COUNT]
        ),
        "poll_seconds": setting("KOPBAL_LIVEBLOG_POLL_SECONDS"),
        "seo_description": blog.search_description or blog.lead,
        "live_blog_json_ld": json_ld(blog, line, request),
    }


def _for_page(request: HttpRequest, blog: LiveBlogPage) -> HttpRequest:
    """The request as the blog page's: polls in entries send voters back to the blog."""
    clone = copy.copy(request)
    clone.path = blog.get_url(request) or request.path
    clone.GET = request.GET.__class__("")
    return clone


def entry_html(entry: LiveBlogEntry, blog: LiveBlogPage, request: HttpRequest) -> str:
    return render_to_string(
        "liveblogs/_entry.html", {"entry": entry, "page": blog, "request": request}, request=None
    )


def top_html(blog: LiveBlogPage, line: Timeline, request: HttpRequest) -> str:
    return render_to_string(
        "liveblogs/_top.html",
        {"timeline": line, "page": blog, "request": request},
        request=None,
    )


def updates_state(blog: LiveBlogPage, request: HttpRequest) -> dict:
    """What the reader's script compares with its page: the top and the newest entries.

    Deterministic for a given state of the blog, so that its ETag (a hash of the body)
    only changes when something a reader would see changed.
    """
    line = timeline(blog)
    as_page = _for_page(request, blog)
    return {
        "blog": blog.pk,
        "closed": blog.is_closed,
        "top": {"token": line.top_token, "html": top_html(blog, line, as_page)},
        "entries": [
            {
                "id": e.pk,
                "t": int(e.posted_at.timestamp()),
                "rev": e.revision_token,
                "html": entry_html(e, blog, as_page),
            }
            for e in line.entries
        ],
        "more": line.older_cursor is not None,
    }


def json_ld(blog: LiveBlogPage, line: Timeline, request: HttpRequest) -> SafeString:
    """schema.org `LiveBlogPosting` with the entries on this screen as `liveBlogUpdate`."""
    from kopbal.seo.meta import absolute, organization

    url = absolute(request, blog.get_url(request) or "/")
    updates = []
    for entry in sorted(
        line.pinned + line.entries, key=lambda e: (e.posted_at, e.pk), reverse=True
    ):
        update = {
            "@type": "BlogPosting",
            "headline": entry.title[:110],
            "datePublished": entry.posted_at.isoformat(),
            "dateModified": (entry.edited_at or entry.posted_at).isoformat(),
            "articleBody": entry.text,
            "url": f"{url}#{entry.anchor}",
        }
        if entry.author_name:
            update["author"] = {"@type": "Person", "name": entry.author_name}
        if entry.image is not None:
            rendition = entry.image.get_rendition(ENTRY_RENDITION)
            update["image"] = absolute(request, rendition.url)
        updates.append(update)
    newest = max((e.posted_at for e in line.pinned + line.entries), default=None)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "headline": blog.title[:110],
        "description": blog.search_description or blog.lead,
        "inLanguage": "nl-BE",
        "publisher": organization(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "liveBlogUpdate": updates,
    }
    if blog.first_published_at:
        data["datePublished"] = blog.first_published_at.isoformat()
        data["coverageStartTime"] = blog.first_published_at.isoformat()
    modified = max(filter(None, [newest, blog.last_published_at]), default=None)
    if modified:
        data["dateModified"] = modified.isoformat()
    if blog.closed_at:
        data["coverageEndTime"] = blog.closed_at.isoformat()
    return mark_safe(  # noqa: S308 - the only markup-significant characters are escaped
        '<script type="application/ld+json">'
        + json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
        + "</script>"
    )
