"""Wagtail's page serving, with the two lookups every article request starts with made cheap.

Wagtail finds the site with a query on every request, then walks the tree one query per
level (home, section, article) to find the page. Sites change once a year: they are kept
in the process for a minute (and forgotten at once when one is saved here). An article is
found by its URL path in one query, which also tells whether a view restriction applies;
every other page takes Wagtail's own route.
"""

from __future__ import annotations

import copy
import time

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

SITE_SECONDS = 60.0
_sites: dict[tuple[str, int | str], tuple[float, Site | None, str]] = {}


def _site(request: HttpRequest) -> tuple[Site | None, str]:
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    known = _sites.get(key)
    if known is None or now - known[0] > SITE_SECONDS:
        site = Site._find_for_request(request)
        root_path = site.root_page.url_path if site is not None else ""
        if len(_sites) > 100:  # hosts come from the request: keep the dict small
            _sites.clear()
        known = _sites[key] = (now, site, root_path)
    return known[1], known[2]


def forget_sites(**kwargs) -> None:
    _sites.clear()


# The article query's SQL, compiled once per process: building and compiling it through the
# ORM (a two-table page, the view-restriction subquery) costs several times running it.
# Wagtail does not index `url_path`: the slug's index finds the few candidates.
_MARKS = ("\x00kopbal-url-path\x00", "\x00kopbal-slug\x00")
_route_sql: dict[str, tuple[str, tuple, int, int]] = {}


def live_article(url_path: str):
    """The live article at `url_path` (with `view_restricted`), or None."""
    from kopbal.news.models import ArticlePage

    compiled = _route_sql.get(connection.vendor)
    if compiled is None:
        articles = ArticlePage.objects.live().with_view_restricted()
        query = articles.filter(url_path=_MARKS[0], slug=_MARKS[1])[:1].query
        sql, params = query.sql_with_params()
        compiled = (sql, params, params.index(_MARKS[0]), params.index(_MARKS[1]))
        _route_sql[connection.vendor] = compiled
    sql, params, at_path, at_slug = compiled
    params = list(params)
    params[at_path] = url_path
    params[at_slug] = url_path.rstrip("/").rsplit("/", 1)[-1]
    return next(iter(ArticlePage.objects.raw(sql, params)), None)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's serve view; an article (`<section>/<slug>/`) is routed in one query."""
    site, root_path = _site(request)
    if site is not None:
        # The kept Site, without its root page: the home page is loaded for each request,
        # so that an edit to it (the top story) shows at once in every process.
        site = copy.copy(site)
        site._state.fields_cache.pop("root_page", None)
    request._wagtail_site = site  # page.url and the rest ask for it again
    if site is not None and path.count("/") == 2:
        article = live_article(root_path + path)
        if article is not None:
            request._wagtail_route_for_request = RouteResult(article)
    return wagtail_serve(request, path)
