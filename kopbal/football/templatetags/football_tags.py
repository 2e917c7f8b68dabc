"""The football part of an article page: links to its clubs and people, and `Lees ook`.

Rendered once per article version and kept in the cache: the article page has a budget of
15 queries and this part costs four (two for the tags, two for `Lees ook` with Wagtail's
view-restriction check). The key holds the article's latest revision (its own tags change
with it) and a version that an unpublish or a club/person edit moves on (signals.py).
"""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..related import related_for_article
from ..signals import content_version

register = template.Library()

RELATED_COUNT = 3
CACHE_SECONDS = 300


def _inline_read_also(page) -> list[int]:
    """Articles the body already links to with a `Lees ook` block (raw ids: no query)."""
    ids = []
    for block in getattr(page.body, "raw_data", []) or []:
        if block.get("type") == "read_also":
            target = (block.get("value") or {}).get("page")
            if isinstance(target, int):
                ids.append(target)
    return ids


def football_context(page) -> dict:
    """Tags with their clubs and people, then picks or related articles: four queries."""
    clubs = [t.club for t in page.club_tags.select_related("club")]
    people = [t.person for t in page.person_tags.select_related("person")]
    related, picked = [], False
    if page.pk is not None:
        related, picked = related_for_article(
            page,
            [c.pk for c in clubs],
            [p.pk for p in people],
            limit=RELATED_COUNT,
            exclude=_inline_read_also(page),
        )
    return {"clubs": clubs, "people": people, "related": related, "picked": picked}


@register.simple_tag(takes_context=True)
def article_football(context, page) -> SafeString:
    request = context.get("request")
    if page.pk is None or getattr(request, "is_preview", False):
        # A preview shows the tags of the revision being previewed, never a cached part.
        html = render_to_string("components/article_football.html", football_context(page))
    else:
        key = f"football:article:{page.pk}:{page.latest_revision_id}:{content_version()}"
        html = cache.get(key)
        if html is None:
            html = render_to_string("components/article_football.html", football_context(page))
            cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered from our own autoescaped template
