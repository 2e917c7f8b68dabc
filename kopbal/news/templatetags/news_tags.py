"""`Meest recent`, kept rendered between page renders (kopbal/core/pagecache.py `fragment`)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from kopbal.core.pagecache import fragment, ttl

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_articles(context: template.Context, page=None) -> SafeString:
    """The newest articles but `page` (the article read, the home page's top story), with
    their comment counts. Kept until an article
    is published, changed or withdrawn, and for the page cache's seconds at most, so that
    the counts move as in the cached pages."""
    from kopbal.news.models import ArticlePage

    def render() -> str:
        articles = ArticlePage.objects.published().for_listing()
        if page is not None:
            articles = articles.exclude(pk=page.pk)
        latest = list(articles[: settings.KOPBAL_LATEST_COUNT])
        return render_to_string("components/latest.html", {"latest": latest})

    name = f"latest:{page.pk if page is not None else ''}"
    return fragment(context["request"], name, {"articles"}, render, seconds=max(1, ttl()))
