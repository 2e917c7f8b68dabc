"""Reading comments as threads, a page at a time, in a fixed number of queries.

A page of the article's comment section is two queries whatever the thread sizes:
one for the top-level comments (keyset-paginated, so page 25 of the 1279-comment story
costs what page 1 does; on the first page it also carries the visible count), and one for
the first replies of each of those threads whatever their depth (they share the `root`
column), which on the first page also brings the featured comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from .choices import CommentOrder, CommentStatus
from .models import Comment, visible_count_expression
from .rules import MAX_LENGTH, closed_reason, current_rules

# Replies nested deeper than this are shown at this level, marked "antwoord op …".
MAX_DISPLAY_LEVEL = 2
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TOMBSTONE_STATUSES = [CommentStatus.REMOVED, CommentStatus.DELETED, CommentStatus.PENDING]


@dataclass
class CommentNode:
    comment: Comment
    level: int = 0
    children: list[CommentNode] = field(default_factory=list)
    reply_to: Comment | None = None  # set when shown flatter than it really is
    hidden_replies: int = 0  # visible replies not loaded on this page
    display_parent: CommentNode | None = field(default=None, repr=False, compare=False)

    @property
    def is_tombstone(self) -> bool:
        return self.comment.status != CommentStatus.VISIBLE


@dataclass
class CommentPage:
    nodes: list[CommentNode]
    order: str
    next_cursor: str | None
    total: int | None = None  # visible comments under the article (first page only)
    featured: list[Comment] = field(default_factory=list)  # first page only


def parse_order(value: str | None) -> str:
    return value if value in CommentOrder.values else CommentOrder.NEWEST


def _micros(value: datetime) -> int:
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _encode_cursor(comment: Comment, order: str) -> str:
    cursor = f"{_micros(comment.created_at)}.{comment.pk}"
    if order == CommentOrder.LIKED:
        cursor = f"{comment.like_count}.{cursor}"
    return cursor


def _decode_cursor(cursor: str | None, order: str) -> tuple | None:
    """(likes?, created_at, pk) or None for a missing or malformed cursor (first page)."""
    if not cursor:
        return None
    parts = cursor.split(".")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    expected = 3 if order == CommentOrder.LIKED else 2
    if len(numbers) != expected or any(n < 0 for n in numbers) or numbers[-2] > 10**17:
        return None
    created = _EPOCH + timedelta(microseconds=numbers[-2])
    return (*numbers[:-2], created, numbers[-1])


def _visible_reply():
    return Comment.objects.filter(parent=OuterRef("pk"), status=CommentStatus.VISIBLE)


def _shown(queryset):
    """Visible comments, plus removed or deleted ones that visible replies still hang on
    (shown as a placeholder, so the thread keeps making sense)."""
    return queryset.annotate(has_visible_reply=Exists(_visible_reply())).filter(
        Q(status=CommentStatus.VISIBLE) | Q(status__in=_TOMBSTONE_STATUSES, has_visible_reply=True)
    )


def top_level(
    page_id: int, order: str, cursor: str | None, per_page: int, with_total: bool = False
) -> list[Comment]:
    """One page of top-level comments (per_page + 1 rows: the extra one says there is more),
    each carrying the article's visible count when `with_total`."""
    thread_size = (
        Comment.objects.filter(root=OuterRef("pk"), status=CommentStatus.VISIBLE)
        .order_by()
        .values("root")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = _shown(Comment.objects.filter(page_id=page_id, parent__isnull=True)).annotate(
        thread_size=Coalesce(Subquery(thread_size), Value(0))
    )
    if with_total:
        # Uncorrelated: the database computes it once for the whole page.
        qs = qs.annotate(page_total=visible_count_expression(page_id))
    key = _decode_cursor(cursor, order)
    if order == CommentOrder.OLDEST:
        if key:
            created, pk = key
            qs = qs.filter(Q(created_at__gt=created) | Q(created_at=created, pk__gt=pk))
        qs = qs.order_by("created_at", "pk")
    elif order == CommentOrder.LIKED:
        if key:
            likes, created, pk = key
            qs = qs.filter(
                Q(like_count__lt=likes)
                | Q(like_count=likes, created_at__lt=created)
                | Q(like_count=likes, created_at=created, pk__lt=pk)
            )
        qs = qs.order_by("-like_count", "-created_at", "-pk")
    else:
        if key:
            created, pk = key
            qs = qs.filter(Q(created_at__lt=created) | Q(created_at=created, pk__lt=pk))
        qs = qs.order_by("-created_at", "-pk")
    return list(qs.select_related("author")[: per_page + 1])


def first_replies(
    root_ids: list[int], per_thread: int | None, featured_on: int | None = None
) -> list[Comment]:
    """The first `per_thread` replies (oldest first) of each thread, in one query; with
    `featured_on`, also every featured comment under that article (each in a window
    partition of its own, so the per-thread limit never drops one)."""
    where = Q(root_id__in=root_ids)
    featured = Q(is_featured=True, status=CommentStatus.VISIBLE)
    if featured_on is not None:
        where |= Q(page_id=featured_on) & featured
    elif not root_ids:
        return []
    qs = _shown(Comment.objects.filter(where))
    if per_thread is not None:
        partition = Case(
            When(featured, then=-F("pk")), default=F("root_id"), output_field=BigIntegerField()
        )
        qs = qs.annotate(
            position=Window(
                RowNumber(), partition_by=[partition], order_by=[F("created_at"), F("pk")]
            )
        ).filter(position__lte=per_thread)
    return list(qs.select_related("author").order_by("created_at", "pk"))


def build_tree(roots: list[Comment], replies: list[Comment]) -> list[CommentNode]:
    """Hang replies under their parents; too deep ones at the deepest shown level."""
    nodes = [CommentNode(comment=root) for root in roots]
    by_id = {node.comment.pk: node for node in nodes}
    for reply in replies:
        parent = by_id.get(reply.parent_id) or by_id.get(reply.root_id)
        if parent is None:
            continue
        reply_to = None
        if parent.level >= MAX_DISPLAY_LEVEL:
            reply_to = parent.comment
            while parent.level >= MAX_DISPLAY_LEVEL and parent.display_parent is not None:
                parent = parent.display_parent
        node = CommentNode(
            comment=reply, level=parent.level + 1, reply_to=reply_to, display_parent=parent
        )
        parent.children.append(node)
        by_id[reply.pk] = node
    for node in nodes:
        shown = _count_visible(node) - (1 if node.comment.is_visible else 0)
        node.hidden_replies = max(0, getattr(node.comment, "thread_size", 0) - shown)
    return nodes


def _count_visible(node: CommentNode) -> int:
    return (1 if node.comment.is_visible else 0) + sum(_count_visible(c) for c in node.children)


def load_page(
    page_id: int, order: str, cursor: str | None = None, first: bool = False
) -> CommentPage:
    """One page of threads; the `first` page (the article's) also has the count and the
    featured comments, still in two queries."""
    per_page = settings.KOPBAL_COMMENTS_PAGE
    roots = top_level(page_id, order, cursor, per_page, with_total=first)
    next_cursor = None
    if len(roots) > per_page:
        roots = roots[:per_page]
        next_cursor = _encode_cursor(roots[-1], order)
    rows = first_replies(
        [r.pk for r in roots],
        settings.KOPBAL_COMMENTS_REPLIES_SHOWN,
        featured_on=page_id if first else None,
    )
    comment_page = CommentPage(nodes=build_tree(roots, rows), order=order, next_cursor=next_cursor)
    if first:
        comment_page.total = roots[0].page_total if roots else visible_count(page_id)
        featured = sorted(
            (c for c in rows if c.is_featured and c.status == CommentStatus.VISIBLE),
            key=lambda c: (c.featured_at, c.pk),
            reverse=True,
        )
        comment_page.featured = featured[: settings.KOPBAL_COMMENTS_FEATURED_MAX]
    return comment_page


def load_thread(root: Comment) -> list[CommentNode]:
    """A whole thread, for its own page."""
    replies = first_replies([root.pk], settings.KOPBAL_COMMENTS_THREAD_MAX)
    root.thread_size = 0
    return build_tree([root], replies)


def visible_count(page_id: int) -> int:
    """The count every list shows (visible_count_expression), for one article."""
    from kopbal.news.models import ArticlePage

    return (
        ArticlePage.objects.filter(pk=page_id)
        .with_comment_count()
        .values_list("comment_count", flat=True)
        .first()
        or 0
    )


def more_url(page_id: int, order: str, cursor: str | None) -> str | None:
    if not cursor:
        return None
    query = QueryDict(mutable=True)
    query["volgorde"] = order
    query["na"] = cursor
    return reverse("comments:list", args=[page_id]) + "?" + query.urlencode()


def comments_context(page, request: HttpRequest) -> dict:
    """What the article template's comment section needs (shared by every reader: nothing
    here depends on who is looking)."""
    order = parse_order(request.GET.get("volgorde"))
    comment_page = load_page(page.pk, order, first=True)
    return {
        "comment_count": comment_page.total,
        "comment_page": comment_page,
        "comments_more_url": more_url(page.pk, order, comment_page.next_cursor),
        "featured_comments": comment_page.featured,
        "comments_closed_reason": closed_reason(page, current_rules()),
        "comment_orders": CommentOrder.choices,
        "comment_max_length": MAX_LENGTH,
    }
