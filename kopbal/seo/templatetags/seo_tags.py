from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kopbal.core.pagecache import fragment
from kopbal.seo.meta import canonical_url, page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context: template.Context) -> SafeString:
    """Canonical link, feeds, OpenGraph, Twitter card and JSON-LD for the page's <head>.

    An article's is kept per published revision and canonical URL, until an article or a
    section changes (`articles`: its section's title, a byline's author)."""
    from kopbal.news.models import ArticlePage

    def render() -> str:
        meta = {"meta": page_meta(context), "site_name": settings.WAGTAIL_SITE_NAME}
        return render_to_string("seo/head.html", meta)

    request = context.get("request")
    page = context.get("page")
    if (
        request is None
        or not isinstance(page, ArticlePage)
        or page.pk is None
        or getattr(request, "is_preview", False)
    ):
        return mark_safe(render())  # noqa: S308 - our own autoescaped template
    canonical = canonical_url(request, page.get_url(request))
    name = f"seo:{page.pk}:{page.live_revision_id}:{canonical}"
    return fragment(request, name, {"articles"}, render)
