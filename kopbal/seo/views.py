"""robots.txt, the sitemap index and its parts, and the Google News sitemap."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as sitemap_views

from .meta import absolute
from .sitemaps import SITEMAPS, news_articles


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every reader page; the admin and account pages are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /documents/",
        "Disallow: /zoeken/suggesties/",
        "",
        f"Sitemap: {absolute(request, reverse('seo:sitemap'))}",
        f"Sitemap: {absolute(request, reverse('seo:news-sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=900)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="seo:sitemap-section")


@require_GET
@cache_control(public=True, max_age=900)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_GET
@cache_control(public=True, max_age=300)
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Google News: the articles of the last 48 hours, with publication name and language."""
    articles = [
        {
            "loc": absolute(request, article.get_url(request)),
            "title": article.title,
            # W3C datetime with the offset: 2026-05-17T14:30:00+02:00
            "published": timezone.localtime(article.first_published_at).isoformat("T", "seconds"),
        }
        for article in news_articles()
    ]
    return TemplateResponse(
        request,
        "seo/news_sitemap.xml",
        {"articles": articles, "publication": settings.WAGTAIL_SITE_NAME, "language": "nl"},
        content_type="application/xml; charset=utf-8",
    )
