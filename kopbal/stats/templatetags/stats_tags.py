import functools
from collections.abc import Callable

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kopbal.core.pagecache import kept_in_process
from kopbal.stats.ranking import Ranked, ranked_entry

register = template.Library()


def _lists(template_name: str, context: Callable[[dict[str, list[Ranked]]], dict]) -> SafeString:
    """The same on every page until the lists are computed again: rendered once per process
    for each computation (keyed by its time)."""
    stamp, lists = ranked_entry()

    def render() -> str:
        return render_to_string(template_name, context(lists))

    if stamp is None:  # computed for this request only
        return mark_safe(render())  # noqa: S308 - our own autoescaped template
    return kept_in_process(("ranked", template_name, stamp, get_language()), render)


@register.simple_tag
def most_read() -> SafeString:
    """`Meest gelezen`: the last 24 hours and the last 7 days."""
    return _lists(
        "components/most_read.html",
        lambda lists: {"day": lists["read_day"], "week": lists["read_week"]},
    )


@register.simple_tag
def most_discussed() -> SafeString:
    """`Meest besproken`: most visible comments in the last 24 hours."""
    return _lists("components/most_discussed.html", lambda lists: {"articles": lists["discussed"]})


@functools.cache
def _script_url() -> str:
    return static("js/stats.js")  # fixed for the life of the process (hashed name)


@register.simple_tag
def stats_script(page=None) -> SafeString:
    """stats.js; given an article, it also reports one view of it (see stats.counter), or
    the pixel does without JavaScript."""
    src = _script_url()
    if page is None or not page.pk:
        return format_html('<script src="{}" defer></script>', src)
    view = reverse("stats:view", args=[page.pk])
    return format_html(
        '<script src="{}" data-view="{}" defer></script>\n'
        '<noscript><img class="view-pixel" src="{}" alt="" width="1" height="1"></noscript>',
        src,
        view,
        view,
    )
