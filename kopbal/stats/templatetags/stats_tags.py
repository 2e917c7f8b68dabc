from django import template

from kopbal.stats.ranking import ranked_lists

register = template.Library()


@register.inclusion_tag("components/most_read.html")
def most_read() -> dict:
    """`Meest gelezen`: the last 24 hours and the last 7 days."""
    lists = ranked_lists()
    return {"day": lists["read_day"], "week": lists["read_week"]}


@register.inclusion_tag("components/most_discussed.html")
def most_discussed() -> dict:
    """`Meest besproken`: most visible comments in the last 24 hours."""
    return {"articles": ranked_lists()["discussed"]}


@register.inclusion_tag("stats/script.html")
def stats_script(page=None) -> dict:
    """stats.js; given an article, it also reports one view of it (see stats.counter)."""
    return {"page_id": page.pk if page is not None and page.pk else None}
