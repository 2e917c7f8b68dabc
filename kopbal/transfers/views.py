"""Reader pages of the transfer tracker: a window (with filters) and one transfer."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kopbal.core.pagecache import mark_cacheable
from kopbal.football.models import Club

from .choices import Season, Status
from .forms import WindowFilterForm
from .models import Transfer, TransferArticle, TransferEvent
from .signals import TRANSFERS_TAG, transfer_tag
from .windows import FIRST_YEAR, LAST_YEAR, Window, window_for


def page_size() -> int:
    """Transfers per window page (KOPBAL_TRANSFERS_PAGE_SIZE)."""
    return getattr(settings, "KOPBAL_TRANSFERS_PAGE_SIZE", 50)


def _windows_with_transfers() -> list[Window]:
    rows = Transfer.objects.order_by().values_list("window_year", "window_season").distinct()
    return sorted({Window(y, s) for y, s in rows}, key=lambda w: w.sort_key, reverse=True)


def window(
    request: HttpRequest, year: int | None = None, season: str | None = None
) -> HttpResponse:
    """All transfers of one window, the latest changes first; filters by club, status, kind."""
    if year is None:
        current = window_for()
    else:
        if season not in Season.values or not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404(_("Deze transferperiode bestaat niet."))
        current = Window(year, season)
    mark_cacheable(request, {TRANSFERS_TAG})
    transfers = Transfer.objects.for_window(current)
    form = WindowFilterForm(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        shown = Transfer.objects.none()
    else:
        shown = form.apply(transfers) if form.is_bound else transfers
    counts = dict(transfers.order_by().values_list("status").annotate(n=Count("pk")))
    page_obj = Paginator(shown.for_listing(), page_size()).get_page(request.GET.get("pagina"))
    windows = _windows_with_transfers()
    if current not in windows:
        windows = sorted([*windows, current], key=lambda w: w.sort_key, reverse=True)
    filters = request.GET.copy()
    filters.pop("pagina", None)
    return render(
        request,
        "transfers/window.html",
        {
            "window": current,
            "windows": windows,
            "form": form,
            "page_obj": page_obj,
            "status_counts": [(s, counts.get(s.value, 0)) for s in Status],
            "total": sum(counts.values()),
            "filtered": form.is_bound,
            "filter_query": filters.urlencode(),
            "seo_title": _("Transfers %(window)s") % {"window": current.label},
            "seo_description": _(
                "Alle transfers van de transferperiode %(window)s: geruchten, onderhandelingen, "
                "akkoorden en officiële deals, met bronnen en bedragen."
            )
            % {"window": current.label},
        },
        status=status,
    )


def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One transfer: where it stands, how it got there, and what we wrote about it."""
    transfer = get_object_or_404(
        Transfer.objects.select_related("player", "from_club", "to_club", "fee_medium"), pk=pk
    )
    if slug != transfer.slug:
        return HttpResponsePermanentRedirect(transfer.get_absolute_url())
    mark_cacheable(request, {TRANSFERS_TAG, transfer_tag(transfer.pk)})
    events = list(
        TransferEvent.objects.filter(transfer=transfer)
        .select_related("medium", "article", "entry__blog")
        .order_by("-at", "-pk")
    )
    from kopbal.news.models import ArticlePage

    article_ids = set(
        TransferArticle.objects.filter(transfer=transfer).values_list("article_id", flat=True)
    ) | {e.article_id for e in events if e.article_id}
    articles = (
        list(ArticlePage.objects.published().filter(pk__in=article_ids).for_listing())
        if article_ids
        else []
    )
    entries = list(
        transfer.live_entries.visible()
        .filter(blog__live=True)
        .select_related("blog")
        .order_by("-posted_at")
    )
    return render(
        request,
        "transfers/detail.html",
        {
            "transfer": transfer,
            "events": events,
            "articles": articles,
            "entries": entries,
            "seo_title": str(transfer),
            "seo_description": _(
                "%(player)s: %(route)s, %(status)s. De hele geschiedenis van "
                "deze transfer, met bronnen."
            )
            % {
                "player": transfer.player.name,
                "route": transfer.route,
                "status": transfer.get_status_display(),
            },
        },
    )


def club_window_context(club: Club) -> dict:
    """For the club page: the current window's arrivals and departures (or, when there are
    none yet, the latest window the club had transfers in)."""
    from .presentation import ClubWindow

    current = window_for()
    transfers = list(
        Transfer.objects.for_club(club)
        .for_window(current)
        .select_related("player", "from_club", "to_club", "fee_medium")
        .order_by("-status_changed_at", "-pk")
    )
    shown_window = current
    if not transfers:
        latest = (
            Transfer.objects.for_club(club)
            .order_by("-window_year", "-window_season")
            .values_list("window_year", "window_season")
            .first()
        )
        if latest is not None:
            shown_window = Window(*latest)
            transfers = list(
                Transfer.objects.for_club(club)
                .for_window(shown_window)
                .select_related("player", "from_club", "to_club", "fee_medium")
                .order_by("-status_changed_at", "-pk")
            )
    return {
        "club_window": ClubWindow(
            club=club,
            window=shown_window,
            arrivals=[t for t in transfers if t.to_club_id == club.pk],
            departures=[t for t in transfers if t.from_club_id == club.pk],
        )
    }
