"""The football world in the admin: clubs, people and competitions as snippets with history,
the suggestions endpoint of the article editor, and the article's tagging preference."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import ArticleTaggingPreference, Club, Competition, Person


class ClubViewSet(SnippetViewSet):
    model = Club
    icon = "group"
    menu_label = _("Clubs")
    list_display = ["name", "short_name", "city", "league"]
    list_filter = ["country", "league"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "role", "current_club"]
    list_filter = ["role", "current_club"]
    search_fields = ["name"]
    ordering = ["name"]


class CompetitionViewSet(SnippetViewSet):
    model = Competition
    icon = "list-ul"
    menu_label = _("Competities")
    list_display = ["name", "kind", "country", "level"]
    list_filter = ["kind", "country"]


class FootballGroup(SnippetViewSetGroup):
    menu_label = _("Voetbal")
    menu_icon = "group"
    menu_order = 210
    items = (ClubViewSet, PersonViewSet, CompetitionViewSet)


register_snippet(FootballGroup)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    urls = [path("suggesties/", admin_views.suggest_view, name="suggest")]
    return [path("voetbal/", include((urls, "football_admin"), namespace="football_admin"))]


def _remember_preference(request, page) -> None:
    from kopbal.news.models import ArticlePage

    if isinstance(page.specific_deferred, ArticlePage):
        ArticleTaggingPreference.objects.update_or_create(
            page_id=page.pk,
            defaults={"apply_on_publish": bool(request.POST.get("apply_tag_suggestions"))},
        )


@hooks.register("after_create_page")
def after_create_page(request, page) -> None:
    _remember_preference(request, page)


@hooks.register("after_edit_page")
def after_edit_page(request, page) -> None:
    _remember_preference(request, page)
