"""Dates the Flemish way, in Europe/Brussels (`vandaag, 13u30`, `27 november 2026`), the
site's frame (head links, header, footer) and personal parts."""

from datetime import datetime, timedelta

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopbal.core.pagecache import kept_in_process

register = template.Library()


@register.simple_tag
def once(template_name: str) -> SafeString:
    """A template that shows only fixed text and static URLs (the stylesheets, the footer)."""
    return kept_in_process(
        ("frame", template_name, get_language()), lambda: render_to_string(template_name)
    )


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """Logo, section navigation and search box: the same for every reader, until the
    sections change (the navigation comes from the cache, see context_processors)."""
    navigation = context.get("navigation")
    if callable(navigation):
        navigation = navigation()
    navigation = list(navigation or [])
    key = ("header", get_language(), tuple((i["title"], i["url"]) for i in navigation))
    return kept_in_process(
        key, lambda: render_to_string("components/site_header.html", {"navigation": navigation})
    )


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


@register.filter
def flemish_date(value: datetime | None) -> str:
    """`27 november 2026`."""
    if not value:
        return ""
    return date_format(_local(value), "j F Y")


@register.filter
def flemish_time(value: datetime | None) -> str:
    """`13u30`."""
    if not value:
        return ""
    return date_format(_local(value), "G\\ui")


@register.filter
def flemish_datetime(value: datetime | None, now: datetime | None = None) -> str:
    """`vandaag, 13u30`, `gisteren, 20u15`, else `27 november 2026, 13u30`."""
    if not value:
        return ""
    local = _local(value)
    today = _local(now or timezone.now()).date()
    if local.date() == today:
        day = _("vandaag")
    elif local.date() == today - timedelta(days=1):
        day = _("gisteren")
    else:
        day = flemish_date(local)
    return f"{day}, {flemish_time(local)}"


@register.simple_tag(takes_context=True)
def personal(context: template.Context, name: str, **kwargs: int | str) -> str:
    """A part of the page that differs per reader; see kopbal/core/personal.py."""
    from kopbal.core.personal import render

    return render(name, context.get("request"), **kwargs)
