"""Parts of the news pages kept rendered between page renders (kopbal/core/pagecache.py
`fragment`): the article itself and `Meest recent`."""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from kopbal.core.pagecache import fragment, ttl

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_articles(context: template.Context, page=None) -> SafeString:
    """The newest articles but `page` (the article read, the home page's top story), with
    their comment counts. Kept until an article
    is published, changed or withdrawn, and for the page cache's seconds at most, so that
    the counts move as in the cached pages."""

    def render() -> str:
        return render_to_string("components/latest.html", {"latest": _latest(page)})

    name = f"latest:{page.pk if page is not None else ''}"
    return fragment(context["request"], name, {"articles"}, render, seconds=max(1, ttl()))


def _latest(but=None) -> list:
    from kopbal.news.models import ArticlePage

    articles = ArticlePage.objects.published().for_listing()
    if but is not None:
        articles = articles.exclude(pk=but.pk)
    return list(articles[: settings.KOPBAL_LATEST_COUNT])


@register.simple_tag(takes_context=True)
def home_news(context: template.Context, page) -> SafeString:
    """The home page's top story with `Meest recent` below it, kept like `Meest recent`."""

    def render() -> str:
        top = page.get_top_story()
        return render_to_string("news/_home_news.html", {"top_story": top, "latest": _latest(top)})

    return fragment(
        context["request"], f"home:{page.pk}", {"articles"}, render, seconds=max(1, ttl())
    )


POLL_MARK = re.compile(r"<!--kp:poll:(\d+)-->")


@register.simple_tag(takes_context=True)
def article_body(context: template.Context, page) -> SafeString:
    """Headline, byline, lead and body, rendered once per published revision and kept until
    an article changes (`articles`: a `Lees ook` target may have been retitled or withdrawn).

    The polls in the body are left as marks and filled in for each request: a vote, the
    reader's vote token and the clock (a poll opening or closing) change them, not the text.
    """
    from kopbal.polls.templatetags.polls_tags import poll_box

    request = context["request"]

    def render(marks: bool = True) -> str:
        shared = {
            "page": page,
            "authors": page.get_authors(),
            "request": request,
            "kopbal_poll_marks": marks,
        }
        return render_to_string("news/_article_body.html", shared)

    if getattr(request, "is_preview", False) or page.pk is None:
        # A preview shows the revision being previewed, never a kept one.
        return mark_safe(render(marks=False))  # noqa: S308 - our own autoescaped template
    # The byline reads `vandaag, 13u30`, then `gisteren`: the day is in the name.
    name = f"article:{page.pk}:{page.live_revision_id}:{timezone.localdate()}"
    html = fragment(request, name, {"articles"}, render)

    def poll(match: re.Match) -> str:
        return poll_box(context, int(match[1]))

    return mark_safe(POLL_MARK.sub(poll, html))  # noqa: S308 - our own rendered templates
