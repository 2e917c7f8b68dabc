"""RSS and Atom feeds of a club's and a person's articles (on the news feed base)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kopbal.news.feeds import ArticleFeed
from kopbal.news.models import ArticlePage

from .models import Club, Person


class ClubFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Club:
        return get_object_or_404(Club, slug=slug)

    def title(self, obj: Club) -> str:
        return f"{obj.name} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: Club) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Club) -> str:
        return _("Het laatste nieuws over %(name)s") % {"name": obj.name}

    subtitle = description

    def articles(self, obj: Club):
        return ArticlePage.objects.published().filter(club_tags__club=obj)


class PersonFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return f"{obj.name} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return _("Het laatste nieuws over %(name)s") % {"name": obj.name}

    subtitle = description

    def articles(self, obj: Person):
        return ArticlePage.objects.published().filter(person_tags__person=obj)
