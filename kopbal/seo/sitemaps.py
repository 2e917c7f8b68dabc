"""Sitemaps: Wagtail's page sitemap plus authors, clubs and people behind one index; and
Google News.

`/sitemap.xml` is a sitemap index (Wagtail's view) so that an archive of a hundred
thousand articles stays within the protocol's limits: each part lists at most
`PAGE_LIMIT` URLs and the index points to every part (`?p=2`, …).
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from kopbal.news.models import ArticlePage, Author

from .meta import absolute

PAGE_LIMIT = 5000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class PageSitemap(WagtailSitemap):
    """Every live, public page of the site (home, sections, articles)."""

    limit = PAGE_LIMIT


class ObjectSitemap(WagtailSitemap):
    """Pages of plain models with `get_absolute_url` (authors, clubs, people)."""

    limit = PAGE_LIMIT
    _urls = DjangoSitemap._urls  # plain objects, not pages

    def lastmod(self, obj):
        return None

    def location(self, obj) -> str:
        return obj.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        # Django builds `protocol://domain + location`; we use the Wagtail Site root instead,
        # like the page sitemap does.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = absolute(self.request, url["item"].get_absolute_url())
        return urls


class AuthorSitemap(ObjectSitemap):
    """The author pages, for authors with at least one published article."""

    def items(self):
        published = ArticlePage.objects.published()
        return (
            Author.objects.filter(pk__in=published.values("article_authors__author"))
            .order_by("name", "pk")
            .only("slug", "name")
        )


class ClubSitemap(ObjectSitemap):
    """Every club page (`/clubs/<slug>/`): the club's news, people and fixtures."""

    def items(self):
        from kopbal.football.models import Club

        return Club.objects.order_by("name", "pk").only("slug", "name")


class PersonSitemap(ObjectSitemap):
    """Every person page (`/personen/<slug>/`): the player's or coach's news and career."""

    def items(self):
        from kopbal.football.models import Person

        return Person.objects.order_by("name", "pk").only("slug", "name")


SITEMAPS = {"pagina": PageSitemap, "auteurs": AuthorSitemap}
if apps.is_installed("kopbal.football"):
    SITEMAPS |= {"clubs": ClubSitemap, "personen": PersonSitemap}


def news_articles():
    """Articles published in the last 48 hours, newest first (Google News reads these)."""
    since = timezone.now() - NEWS_WINDOW
    return (
        ArticlePage.objects.published()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at", "-pk")
        .defer_streamfields()
        .only("title", "url_path", "path", "depth", "first_published_at", "locale")
    )[:NEWS_LIMIT]
