"""The readers' poll: a small JSON document per live blog, the same for everyone.

It is cached whole by the page cache (tag `liveblog-<id>`, purged by every entry change),
so that thousands of open pages asking every few seconds are answered before Django runs,
with a 304 when the body has not changed since the reader's copy. A request that does reach
Django with an `If-Modified-Since` from before the latest change gets the new state; one
after it gets a 304 for the price of one small query.
"""

from __future__ import annotations

import json
import time

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_GET

from kopbal.core.pagecache import mark_cacheable

from .models import LiveBlogEntry, LiveBlogPage, liveblog_tag
from .rendering import updates_state

# A change committed a moment after its timestamp was taken must not hide behind a
# Last-Modified given out in between: only changes older than this margin count as seen.
SEEN_MARGIN = 2.0


def last_change(blog: LiveBlogPage) -> float:
    """When a reader last had something new to see: an entry change or the blog closing."""
    newest = LiveBlogEntry.objects.filter(blog=blog).aggregate(at=Max("updated_at"))["at"]
    times = [t.timestamp() for t in (newest, blog.closed_at, blog.last_published_at) if t]
    return max(times, default=0.0)


@require_GET
def updates(request: HttpRequest, pk: int) -> HttpResponse:
    blog = LiveBlogPage.objects.live().public().filter(pk=pk).first()
    if blog is None:
        raise Http404("Deze liveblog bestaat niet.")
    changed = last_change(blog)
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    unchanged = since is not None and changed < since - SEEN_MARGIN
    if unchanged and "HTTP_IF_NONE_MATCH" not in request.META:
        response = HttpResponse(status=304)
        response["Last-Modified"] = http_date(since)
        return response
    mark_cacheable(request, {liveblog_tag(blog.pk), f"page-{blog.pk}", "articles"})
    body = json.dumps(
        updates_state(blog, request), cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True
    )
    response = HttpResponse(body, content_type="application/json")
    response["Last-Modified"] = http_date(time.time())
    response["X-Content-Type-Options"] = "nosniff"
    return response
