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
from dataclasses import dataclass

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


# The article query, compiled once per process: building and compiling it through the ORM
# (a two-table page, the view-restriction subquery) costs several times running it. The row
# becomes an ArticlePage as Django's own iterator makes it (`from_db`, the same converters).
# Wagtail does not index `url_path`: the slug's index finds the few candidates.
_MARKS = ("\x00kopbal-url-path\x00", "\x00kopbal-slug\x00")


@dataclass(frozen=True)
class _Route:
    sql: str
    params: tuple
    at_path: int
    at_slug: int
    fields: slice
    init_list: list[str]
    restricted: int
    converters: dict


_routes: dict[str, _Route] = {}


def _compile() -> _Route:
    from kopbal.news.models import ArticlePage

    articles = ArticlePage.objects.live().with_view_restricted()
    query = articles.filter(url_path=_MARKS[0], slug=_MARKS[1])[:1].query
    compiler = query.get_compiler(using=connection.alias)
    sql, params = compiler.as_sql()
    select = compiler.select
    fields = compiler.klass_info["select_fields"]
    model_fields = slice(fields[0], fields[-1] + 1)
    return _Route(
        sql=sql,
        params=tuple(params),
        at_path=params.index(_MARKS[0]),
        at_slug=params.index(_MARKS[1]),
        fields=model_fields,
        init_list=[column[0].target.attname for column in select[model_fields]],
        restricted=compiler.annotation_col_map["view_restricted"],
        converters=compiler.get_converters([column[0] for column in select]),
    )


def live_article(url_path: str):
    """The live article at `url_path` (with `view_restricted`), or None."""
    from kopbal.news.models import ArticlePage

    route = _routes.get(connection.vendor)
    if route is None:
        route = _routes[connection.vendor] = _compile()
    params = list(route.params)
    params[route.at_path] = url_path
    params[route.at_slug] = url_path.rstrip("/").rsplit("/", 1)[-1]
    with connection.cursor() as cursor:
        cursor.execute(route.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for position, (converters, expression) in route.converters.items():
        for converter in converters:
            row[position] = converter(row[position], expression, connection)
    article = ArticlePage.from_db(connection.alias, route.init_list, row[route.fields])
    article.view_restricted = bool(row[route.restricted])
    return article


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
