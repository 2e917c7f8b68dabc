from datetime import datetime, timedelta

from django import template
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kopbal.core.pagecache import add_tags, fragment, ttl

from ..conf import setting
from ..models import KEY_EVENTS_TAG, LiveBlogEntry, LiveBlogPage

register = template.Library()

HOME_BLOGS = 3
SECTION_BLOGS = 3


@register.filter
def entry_time(value: datetime | None, now: datetime | None = None) -> str:
    """`14u32` today, `gisteren 14u32`, else `27 november, 14u32`: a live blog's clock."""
    if not value:
        return ""
    local = timezone.localtime(value)
    today = timezone.localtime(now or timezone.now()).date()
    clock = date_format(local, "G\\ui")
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return _("gisteren %(time)s") % {"time": clock}
    day_format = "j F" if local.year == today.year else "j F Y"
    return f"{date_format(local, day_format)}, {clock}"


@register.simple_tag(takes_context=True)
def live_key_events(context: template.Context) -> SafeString:
    """The open live blogs and their newest key events, for the home page: kept rendered
    until a key event changes or a blog opens or closes, for the page cache's seconds at
    most, and per day (the times read `gisteren`)."""
    request = context.get("request")

    def render() -> str:
        return render_to_string(
            "liveblogs/home_key_events.html", {"blogs": _key_events(), "request": request}
        )

    if request is None:
        return mark_safe(render())  # noqa: S308 - our own autoescaped template
    name = f"live-key-events:{request.get_host()}:{timezone.localdate()}"
    tags = {KEY_EVENTS_TAG, "articles"}  # `articles`: a live blog published or withdrawn
    return fragment(request, name, tags, render, seconds=max(1, ttl()))


def _key_events() -> list:
    blogs = list(
        LiveBlogPage.objects.live()
        .public()
        .filter(closed_at__isnull=True, key_events_on_home=True)
        .order_by("-first_published_at")[:HOME_BLOGS]
    )
    events: dict[int, list] = {}
    if blogs:
        for entry in LiveBlogEntry.objects.key_events().filter(blog__in=blogs)[
            : setting("KOPBAL_LIVEBLOG_HOME_KEY_EVENTS")
        ]:
            events.setdefault(entry.blog_id, []).append(entry)
    return [(blog, events.get(blog.pk, [])) for blog in blogs]


@register.inclusion_tag("liveblogs/section_blogs.html", takes_context=True)
def section_live_blogs(context: template.Context, section) -> dict:
    """A section's live blogs above its articles: the open ones, then the last closed one."""
    request = context.get("request")
    if request is not None:
        add_tags(request, {KEY_EVENTS_TAG})
    blogs = list(
        LiveBlogPage.objects.live()
        .public()
        .child_of(section)
        .order_by(F("closed_at").desc(nulls_first=True), "-first_published_at")[:SECTION_BLOGS]
    )
    return {"blogs": blogs, "request": request}
