from django import template
from django.conf import settings

from kopbal.seo.meta import page_meta

register = template.Library()


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context) -> dict:
    """Canonical link, feeds, OpenGraph, Twitter card and JSON-LD for the page's <head>."""
    return {"meta": page_meta(context), "site_name": settings.WAGTAIL_SITE_NAME}
