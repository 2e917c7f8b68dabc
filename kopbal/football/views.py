"""Reader pages of the football world: clubs, people, `Mijn clubs`, and following a club."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kopbal.core.pagecache import mark_cacheable
from kopbal.core.ratelimit import allow, too_many_requests
from kopbal.news.models import ArticlePage

from .actions import do_follow_club, do_unfollow_club
from .choices import Role
from .models import ArticleClub, CareerSpell, Club, Competition, Person

FOLLOW_LIMIT = {"per_user": 60, "per_ip": 120, "window": 60}
ROLE_ORDER = [Role.COACH, Role.ASSISTANT, Role.PLAYER, Role.DIRECTOR, Role.ANALYST]


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, settings.KOPBAL_PAGE_SIZE).get_page(request.GET.get("pagina"))


def club_index(request: HttpRequest) -> HttpResponse:
    """All clubs, the Belgian top flight first, then by competition and country."""
    competitions = (
        Competition.objects.filter(clubs__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("clubs", queryset=Club.objects.order_by("name")))
        .order_by("level", "country", "name")
    )
    without_league = Club.objects.filter(league__isnull=True).order_by("country", "name")
    mark_cacheable(request, {"clubs"})
    return render(
        request,
        "football/club_index.html",
        {
            "competitions": competitions,
            "without_league": without_league,
        },
    )


def club_detail(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_object_or_404(Club.objects.select_related("league"), slug=slug)
    mark_cacheable(request, {f"club-{club.pk}", "articles"})
    articles = ArticlePage.objects.published().filter(club_tags__club=club).for_listing()
    people = list(club.current_people.order_by("name"))
    people.sort(key=lambda p: ROLE_ORDER.index(p.role) if p.role in ROLE_ORDER else 99)
    return render(
        request,
        "football/club_detail.html",
        {
            "club": club,
            "page_obj": _page(request, articles),
            "people": people,
        },
    )


def _timeline(person: Person) -> list[tuple[str, list[CareerSpell]]]:
    """Spells grouped as a player, then as a coach (assistant included), then the rest."""
    groups = [
        (_("Als speler"), [Role.PLAYER]),
        (_("Als trainer"), [Role.COACH, Role.ASSISTANT]),
        (_("Als bestuurder"), [Role.DIRECTOR]),
        (_("Als analist"), [Role.ANALYST]),
    ]
    spells = list(person.career.all())
    out = []
    for title, roles in groups:
        chosen = [s for s in spells if s.role in roles]
        if chosen:
            out.append((title, chosen))
    return out


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.select_related("current_club").prefetch_related(
            Prefetch(
                "career",
                queryset=CareerSpell.objects.select_related("club").order_by("sort_order", "pk"),
            )
        ),
        slug=slug,
    )
    mark_cacheable(request, {f"person-{person.pk}", "articles"})
    for spell in person.career.all():
        spell.person = person  # `is_current` compares with the person: no query per spell
    articles = ArticlePage.objects.published().filter(person_tags__person=person).for_listing()
    return render(
        request,
        "football/person_detail.html",
        {
            "person": person,
            "timeline": _timeline(person),
            "page_obj": _page(request, articles),
        },
    )


@login_required
def my_clubs(request: HttpRequest) -> HttpResponse:
    """The reader's own front page: the latest articles about the clubs they follow."""
    followed = list(Club.objects.filter(followers__user=request.user).order_by("name"))
    articles = (
        ArticlePage.objects.published()
        .filter(
            Exists(
                ArticleClub.objects.filter(page=OuterRef("pk"), club__followers__user=request.user)
            )
        )
        .for_listing()
    )
    suggestions = []
    if len(followed) < 3:
        suggestions = list(
            Club.objects.filter(league__slug="jupiler-pro-league")
            .exclude(followers__user=request.user)
            .order_by("name")
        )
    return render(
        request,
        "football/my_clubs.html",
        {
            "followed": followed,
            "page_obj": _page(request, articles) if followed else None,
            "suggestions": suggestions,
        },
    )


def _back(request: HttpRequest, club: Club) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = club.get_absolute_url()
    return HttpResponseRedirect(target)


def _follow_action(request: HttpRequest, slug: str, follow: bool) -> HttpResponse:
    club = get_object_or_404(Club, slug=slug)
    if request.method != "POST":
        response = render(request, "football/post_only.html", {"club": club}, status=405)
        response["Allow"] = "POST"
        return response
    if not request.user.is_authenticated:
        return redirect_to_login(club.get_absolute_url())
    if not allow(request, "club-follow", **FOLLOW_LIMIT):
        return too_many_requests(
            request,
            _("Je volgt en ontvolgt te snel na elkaar. Probeer het over een minuut opnieuw."),
        )
    if follow:
        do_follow_club(request.user, club)
        messages.success(request, _("Je volgt nu %(club)s.") % {"club": club.name})
    else:
        do_unfollow_club(request.user, club)
        messages.success(request, _("Je volgt %(club)s niet meer.") % {"club": club.name})
    return _back(request, club)


def follow_club(request: HttpRequest, slug: str) -> HttpResponse:
    return _follow_action(request, slug, follow=True)


def unfollow_club(request: HttpRequest, slug: str) -> HttpResponse:
    return _follow_action(request, slug, follow=False)
