"""`/zoeken/`: the results page, and `/zoeken/suggesties/`: clubs and people as you type."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kopbal.core.ratelimit import allow, too_many_requests
from kopbal.news.models import ArticlePage, SectionPage

from . import suggestions
from .forms import SORT_DATE, SearchForm
from .text import excerpt, fold, highlight, parse_query, words


def readable_articles() -> QuerySet[ArticlePage]:
    """The articles a reader may find: `published()`, as a subquery.

    modelsearch reads the queryset's filters to put them in its own query and knows only
    plain field lookups; `published()` may use expressions it cannot read (an `Exists`
    for view restrictions raised AttributeError, a 500). Behind `pk__in` they are SQL.
    """
    return ArticlePage.objects.filter(pk__in=ArticlePage.objects.published().values("pk"))


def _sections() -> list[SectionPage]:
    return list(SectionPage.objects.live().public().order_by("path").only("title", "slug", "path"))


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "search/results.html", context, status=status)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Articles for the reader's words and filters; every bad input gets a Dutch answer."""
    if not allow(
        request,
        "search",
        per_user=settings.KOPBAL_SEARCH_PER_MINUTE,
        per_ip=settings.KOPBAL_SEARCH_PER_MINUTE,
        window=60,
    ):
        return too_many_requests(
            request, _("Je zoekt erg snel na elkaar. Wacht even en probeer het opnieuw.")
        )
    sections = _sections()
    form = SearchForm(request.GET or None, sections=[(s.slug, s.title) for s in sections])
    context = {"form": form, "query": request.GET.get("q", "")[:300], "page_obj": None}
    if not form.is_bound:
        return _render(request, context)
    if not form.is_valid():
        context["errors"] = [e for errors in form.errors.values() for e in errors]
        return _render(request, context, status=400)

    data = form.cleaned_data
    articles = readable_articles()
    filters = {}
    section = next((s for s in sections if s.slug == data["rubriek"]), None)
    if section is not None:
        articles = articles.child_of(section)
        filters["rubriek"] = section.title
    for name in ("club", "persoon"):
        if data.get(name):
            resolved = suggestions.entity(name, data[name])
            entity = resolved.found
            if entity is None:
                if resolved.candidates:
                    error = _("„%(name)s” kan meerdere namen zijn: %(names)s. Kies er één.") % {
                        "name": data[name],
                        "names": ", ".join(resolved.candidates),
                    }
                elif name == "club":
                    error = _("Die club kennen we niet.")
                else:
                    error = _("Die persoon kennen we niet.")
                context["errors"] = [error]
                return _render(request, context, status=400)
            articles = articles.filter(pk__in=suggestions.article_ids(name, entity))
            filters[name] = entity.name
            # The filter box shows the name, also when a link gave the slug.
            form.data = form.data.copy()
            form.data[name] = entity.name
            context["club" if name == "club" else "person"] = entity
    if data["van"]:
        articles = articles.filter(first_published_at__gte=_day_start(data["van"]))
    if data["tot"]:
        articles = articles.filter(first_published_at__lte=_day_end(data["tot"]))
    context["filters"] = filters

    query = data["q"]
    parsed = parse_query(query)
    if form.query_too_long:
        context["message"] = _(
            "Je zoekopdracht is te lang: hou het bij %(max)d tekens, een paar woorden volstaan."
        ) % {"max": settings.KOPBAL_SEARCH_MAX_LENGTH}
        return _render(request, context)
    if not query and not form.has_filters:
        context["message"] = _("Typ een of meer woorden om te zoeken, bijvoorbeeld een club.")
        return _render(request, context)
    if query and parsed.is_empty:
        if parsed.dropped_stop_words:
            context["message"] = _(
                "Woorden als ‘de’ en ‘van’ komen in elk artikel voor. "
                "Zoek op een naam of een woord dat meer zegt."
            )
        else:
            context["message"] = _(
                "In „%(query)s” staan geen woorden om op te zoeken. Probeer een naam of een woord."
            ) % {"query": query}
        return _render(request, context)

    articles = articles.with_comment_count().select_related("hero_image")
    if parsed.is_empty:  # filters only: the newest articles that match them
        results = articles.order_by("-first_published_at", "-pk")
    elif data["sorteer"] == SORT_DATE:
        results = articles.order_by("-first_published_at").search(
            parsed.as_search_query(), order_by_relevance=False
        )
    else:
        results = articles.search(parsed.as_search_query())

    paginator = Paginator(results, settings.KOPBAL_SEARCH_PAGE_SIZE)
    page_obj = paginator.get_page(data["pagina"] or 1)
    stems = parsed.stems
    section_titles = {s.path: s.title for s in sections}
    body_field = ArticlePage._meta.get_field("body")
    items = []
    for article in page_obj.object_list:
        text = " ".join([article.lead, *body_field.get_searchable_content(article.body)])
        items.append(
            {
                "article": article,
                "section": section_titles.get(article.path[: -ArticlePage.steplen]),
                "title": highlight(article.title, stems),
                "excerpt": excerpt(text, stems),
            }
        )
    context.update(
        {
            "page_obj": page_obj,
            "items": items,
            "total": paginator.count,
            "searched": True,
            "dropped_stop_words": parsed.dropped_stop_words,
        }
    )
    return _render(request, context)


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """Clubs and people whose names start with what the reader typed, for the search box."""
    if not allow(
        request,
        "search-suggest",
        per_user=settings.KOPBAL_SUGGEST_PER_MINUTE,
        per_ip=settings.KOPBAL_SUGGEST_PER_MINUTE,
        window=60,
    ):
        return JsonResponse(
            {"error": _("Te veel verzoeken na elkaar. Wacht even."), "suggestions": []},
            status=429,
            headers={"Retry-After": "60"},
        )
    query = request.GET.get("q", "")
    if len(query) > settings.KOPBAL_SEARCH_MAX_LENGTH:
        return JsonResponse(
            {"error": _("Die tekst is te lang om aan te vullen."), "suggestions": []}, status=400
        )
    typed = words(fold(query))
    found = suggestions.suggest(typed, limit=8) if typed else []
    response = JsonResponse({"query": query, "suggestions": found})
    response["Cache-Control"] = "public, max-age=300"
    return response
