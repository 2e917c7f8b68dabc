from django import template

from kopbal.core.pagecache import add_tags

from ..presentation import fee_source, fee_text, money
from ..signals import TRANSFERS_TAG

register = template.Library()

register.filter("fee", fee_text)
register.filter("fee_source", fee_source)
register.filter("money", money)


@register.inclusion_tag("transfers/club_window_box.html", takes_context=True)
def club_transfers(context: template.Context, club) -> dict:
    """The club page's arrivals and departures of the window, with official fees summed."""
    from ..views import club_window_context

    request = context.get("request")
    if request is not None:
        add_tags(request, {TRANSFERS_TAG})
    return {**club_window_context(club), "request": request}


@register.inclusion_tag("transfers/person_transfers_box.html", takes_context=True)
def person_transfers(context: template.Context, person, limit: int = 10) -> dict:
    """A person's transfers, the latest window first: where they go, and how sure it is."""
    from ..models import Transfer

    request = context.get("request")
    if request is not None:
        add_tags(request, {TRANSFERS_TAG})
    transfers = list(
        Transfer.objects.filter(player=person)
        .select_related("player", "from_club", "to_club", "fee_medium")
        .order_by("-window_year", "-window_season", "-status_changed_at", "-pk")[:limit]
    )
    return {"transfers": transfers, "request": request}
