from django.core.cache import cache
from django.http import HttpRequest

NAVIGATION_CACHE_KEY = "kopbal:navigation"


def site_navigation(request: HttpRequest) -> dict:
    """The section links in the header, cached: they change only when sections do."""

    def load():
        from kopbal.news.models import SectionPage

        return [
            {"title": s.title, "url": s.url}
            for s in SectionPage.objects.live().public().in_menu().order_by("path")
        ]

    return {"navigation": lambda: cache.get_or_set(NAVIGATION_CACHE_KEY, load, 300)}
