"""`Meest gelezen` (24 hours / 7 days) and `Meest besproken` (24 hours).

The lists are the same for every reader and every page. They are computed together, in
two queries whatever the size of the archive (the candidates of each list are a LIMIT-ed
subquery; only those few articles are fetched, with their three totals), and kept in the
cache. They are refreshed outside page rendering: after a flush of the view counts
(counter.py), at most every KOPBAL_STATS_LIST_TTL seconds, and at once when an article is
unpublished or deleted. A page render computes them only when the cache has none at all
(a cold start), or when nothing refreshed them for ten times the TTL.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .counter import current_hour, hour_start, setting
from .models import DailyViews, HourlyViews

CACHE_KEY = "kopbal:stats:lists:v2"
KEEP = 24 * 3600


@dataclass(frozen=True)
class Ranked:
    page_id: int
    title: str
    url: str
    count: int


def _ttl() -> int:
    return setting("KOPBAL_STATS_LIST_TTL", 60)


def _limit() -> int:
    return setting("KOPBAL_STATS_LIST_SIZE", 5)


def _total(queryset, field: str, aggregate):
    """A per-article total as a subquery on the outer article row."""
    return Coalesce(
        Subquery(
            queryset.filter(page_id=OuterRef("pk"))
            .order_by()
            .values("page_id")
            .annotate(total=aggregate(field))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def _top(queryset, field: str, aggregate, n: int):
    """The ids of the `n` articles with the highest total: a LIMIT-ed subquery."""
    return (
        queryset.order_by()
        .values("page_id")
        .annotate(total=aggregate(field))
        .order_by("-total", "-page_id")
        .values("page_id")[:n]
    )


def compute_lists() -> dict[str, list[Ranked]]:
    """The three lists, uncached: only published articles, at most KOPBAL_STATS_LIST_SIZE."""
    from kopbal.comments.models import Comment
    from kopbal.news.models import ArticlePage

    size = _limit()
    day_views = HourlyViews.objects.filter(hour__gte=hour_start(current_hour() - 23))
    week_views = DailyViews.objects.filter(day__gte=timezone.localdate() - timedelta(days=6))
    day_comments = Comment.objects.visible().filter(
        created_at__gte=timezone.now() - timedelta(hours=24)
    )
    # More candidates than we show: some of the top articles may since be unpublished.
    n = size * 3
    articles = (
        ArticlePage.objects.published()
        .filter(
            Q(pk__in=_top(day_views, "views", Sum, n))
            | Q(pk__in=_top(week_views, "views", Sum, n))
            | Q(pk__in=_top(day_comments, "pk", Count, n))
        )
        .defer_streamfields()
        .annotate(
            read_day=_total(day_views, "views", Sum),
            read_week=_total(week_views, "views", Sum),
            discussed=_total(day_comments, "pk", Count),
        )
    )
    articles = list(articles)

    def ranked(field: str) -> list[Ranked]:
        rows = sorted(
            (a for a in articles if getattr(a, field) > 0),
            key=lambda a: (-getattr(a, field), -a.pk),
        )
        return [Ranked(a.pk, a.title, a.url, getattr(a, field)) for a in rows[:size]]

    return {
        "read_day": ranked("read_day"),
        "read_week": ranked("read_week"),
        "discussed": ranked("discussed"),
    }


def refresh_lists() -> dict[str, list[Ranked]]:
    lists = compute_lists()
    with contextlib.suppress(Exception):  # a cache outage: the next refresh tries again
        cache.set(CACHE_KEY, {"at": time.time(), "lists": lists}, KEEP)
    return lists


def refresh_if_stale() -> None:
    """Called after each flush of the view counts: recompute once the TTL has passed."""
    try:
        entry = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001
        return
    if entry is None or time.time() - entry["at"] >= _ttl():
        refresh_lists()


def ranked_lists() -> dict[str, list[Ranked]]:
    """The lists for a page: from the cache; computed here only when there are none."""
    return ranked_entry()[1]


def ranked_entry() -> tuple[float | None, dict[str, list[Ranked]]]:
    """The lists and when they were computed (None: computed here, not kept)."""
    try:
        entry = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001 - a cache outage makes the lists slower, not gone
        return None, compute_lists()
    if entry is None or time.time() - entry["at"] >= 10 * _ttl():
        return None, refresh_lists()
    return entry["at"], entry["lists"]
