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
