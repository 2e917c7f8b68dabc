"""RSS 2.0 and Atom feeds of articles: the whole site, a section, an author.

Other apps (clubs, people) subclass ArticleFeed and override `get_object`, `title`, `link`
and `articles`, then expose both formats with `feed_urls(...)`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import ArticlePage, Author, SectionPage

FEED_SIZE = 30


class ArticleFeed(Feed):
    """The site's latest live articles; subclasses narrow `articles()`."""

    feed_type = Rss201rev2Feed
    language = "nl-BE"

    def title(self, obj=None) -> str:
        return settings.WAGTAIL_SITE_NAME

    def link(self, obj=None) -> str:
        return "/"

    def description(self, obj=None) -> str:
        return _("Het laatste voetbalnieuws van %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    subtitle = description

    def articles(self, obj) -> QuerySet[ArticlePage]:
        return ArticlePage.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .prefetch_related("article_authors__author")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        return item.url

    def item_guid(self, item: ArticlePage) -> str:
        return f"kopbal-article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item: ArticlePage) -> str:
        names = [rel.author.name for rel in item.article_authors.all()]
        return ", ".join(names) or _("Redactie")

    def item_categories(self, item: ArticlePage) -> list[str]:
        return []


class SectionFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> SectionPage:
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, obj: SectionPage) -> str:
        return f"{obj.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: SectionPage) -> str:
        return obj.url

    def articles(self, obj: SectionPage):
        return ArticlePage.objects.published().child_of(obj)


class AuthorFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def title(self, obj: Author) -> str:
        return f"{obj.name} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: Author) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Author):
        return ArticlePage.objects.published().filter(article_authors__author=obj)


def atom(feed_class: type[ArticleFeed]) -> type[ArticleFeed]:
    """The Atom twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})


def feed_urls(prefix: str, feed_class: type[ArticleFeed], name: str) -> list:
    """`<prefix>rss/` and `<prefix>atom/` for one feed, named `<name>-rss` and `<name>-atom`."""
    return [
        path(f"{prefix}rss/", feed_class(), name=f"{name}-rss"),
        path(f"{prefix}atom/", atom(feed_class)(), name=f"{name}-atom"),
    ]
