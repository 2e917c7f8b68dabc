"""Dates the Flemish way, in Europe/Brussels: `vandaag, 13u30`, `27 november 2026`."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

register = template.Library()


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
