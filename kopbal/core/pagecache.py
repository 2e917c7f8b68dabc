"""The page cache: anonymous readers get whole pages from the cache, tagged by what they show.

How it fits together:
- A page or view that may be cached for anonymous readers calls `mark_cacheable(request,
  tags)` with the keys of what it shows (`page-12`, `articles`, `club-3`, `poll-7`).
- `PageCacheMiddleware` stores such 200 responses (anonymous GET only) with the current
  version of each tag, and adds `Cache-Control` (with `s-maxage` for a CDN or the nginx
  in deploy/), `ETag`, `Last-Modified` and `Cache-Tag`/`Surrogate-Key` headers.
- `CachedPageWSGI` (kopbal/wsgi.py) answers hits before Django's request machinery runs.
- `purge(tags)` bumps each tag's version, so every entry that shows it is stale at once,
  and asks the front caches (Wagtail's frontend-cache backends) to refresh the URLs that
  carried those tags. Purges are sent from kopbal/core/purge.py on publish, edit,
  unpublish, comment and vote.

Readers with a session cookie get the cached page from `personal.PersonalPageMiddleware`,
with their personal parts filled in; a page is only rendered for them (and not stored) when
the cache misses or a message waits for them. Cached pages carry no CSRF token (a mark that
`personal.fill` turns into the logged-in reader's own): the few forms an anonymous reader
can post from such a page check the Origin instead (`same_origin`).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from email.utils import formatdate
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

PREFIX = "pc:"
PERSONAL_COOKIES = ("sessionid", "messages")


def ttl() -> int:
    return settings.KOPBAL_PAGE_CACHE_SECONDS


def _page_key(host: str, path: str, query: str) -> str:
    digest = hashlib.sha1(f"{host}{path}?{query}".encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}page:{digest}"


def _tag_key(tag: str) -> str:
    return f"{PREFIX}tag:{tag}"


def _urls_key(tag: str) -> str:
    return f"{PREFIX}urls:{tag}"


def is_personal(cookies: dict) -> bool:
    names = {settings.SESSION_COOKIE_NAME, "messages"}
    return any(cookies.get(name) for name in names)


def mark_cacheable(request: HttpRequest, tags: Iterable[str]) -> None:
    """Declare that this response may be cached for anonymous readers, and what it shows."""
    if request.method not in ("GET", "HEAD") or is_personal(request.COOKIES):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return
    existing = getattr(request, "_kopbal_cache_tags", set())
    request._kopbal_cache_tags = existing | set(tags)


def add_tags(request: HttpRequest, tags: Iterable[str]) -> None:
    """More keys for a response already marked cacheable (lists, blocks in a side column)."""
    if hasattr(request, "_kopbal_cache_tags"):
        request._kopbal_cache_tags |= set(tags)


def is_cacheable(request: HttpRequest) -> bool:
    return bool(getattr(request, "_kopbal_cache_tags", None))


def _versions(tags: Iterable[str]) -> dict[str, int]:
    tags = list(tags)
    found = cache.get_many([_tag_key(t) for t in tags])
    return {t: found.get(_tag_key(t), 0) for t in tags}


def store(request: HttpRequest, response: HttpResponse) -> None:
    tags = sorted(request._kopbal_cache_tags)
    etag = 'W/"' + hashlib.sha1(response.content, usedforsecurity=False).hexdigest()[:20] + '"'
    now = time.time()
    response["ETag"] = etag
    response["Last-Modified"] = formatdate(now, usegmt=True)
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={ttl()}, stale-while-revalidate={ttl() * 3}"
    )
    response["Cache-Tag"] = ",".join(tags)
    response["Surrogate-Key"] = " ".join(tags)
    headers = [
        (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "vary", "date")
    ]
    entry = {
        "status": response.status_code,
        "headers": headers,
        "body": response.content,
        "etag": etag,
        "created": now,
        "versions": _versions(tags),
    }
    host, path = request.get_host(), request.path
    cache.set(_page_key(host, path, request.META.get("QUERY_STRING", "")), entry, ttl())
    _remember_url(tags, request.build_absolute_uri())


# Hot pages are kept in the process for a moment, so that a burst of readers on the same
# article costs no round trip to Redis; a purge elsewhere reaches them within L1_SECONDS.
L1_SECONDS = 1.0
L1_SIZE = 512
_l1: dict[str, tuple[float, dict]] = {}


def lookup(host: str, path: str, query: str, *, local: bool = True) -> dict | None:
    """A fresh entry, or None: missing, expired, or one of its tags purged since.

    `local=False` skips this process's copy (a front cache refreshing after a purge).
    """
    key = _page_key(host, path, query)
    now = time.monotonic()
    copy = _l1.get(key) if local else None
    if copy is not None and now - copy[0] < L1_SECONDS:
        return copy[1]
    entry = cache.get(key)
    if entry is None or _versions(entry["versions"]) != entry["versions"]:
        _l1.pop(key, None)
        return None
    if len(_l1) >= L1_SIZE:
        _l1.clear()
    _l1[key] = (now, entry)
    return entry


# Fragments outlive the pages they stand in: they go stale by their tags, not by time.
FRAGMENT_SECONDS = 600
# A fragment's key holds the versions of its tags, so what is stored under a key does not
# change: a burst of renders of the same page takes it from the process, not from Redis,
# for a second (the versions start again from 0 if Redis loses them: not longer).
FRAGMENT_L1_SIZE = 256
_fragment_l1: dict[str, tuple[float, bytes]] = {}


def _request_versions(request: HttpRequest, tags: list[str]) -> dict[str, int]:
    """Tag versions, looked up once per request (several fragments share `articles`)."""
    known = request.__dict__.setdefault("_kopbal_tag_versions", {})
    missing = [t for t in tags if t not in known]
    if missing:
        known.update(_versions(missing))
    return {t: known[t] for t in tags}


# What every reader of every page gets until what it shows changes (the page frame with its
# navigation, the ranked lists of one computation, the anonymous account link): rendered
# once per process for each key. Keys name everything the HTML depends on.
PROCESS_KEPT_SIZE = 64
_process_kept: dict[tuple, SafeString] = {}


def kept_in_process(key: tuple, render) -> SafeString:
    """`render()`'s HTML, rendered once in this process for `key` (every time in DEBUG, so
    that an edited template shows at once)."""
    if settings.DEBUG:
        return mark_safe(render())  # noqa: S308 - our own autoescaped templates
    html = _process_kept.get(key)
    if html is None:
        if len(_process_kept) >= PROCESS_KEPT_SIZE:
            _process_kept.clear()
        html = _process_kept[key] = mark_safe(render())  # noqa: S308
    return html


def forget_local() -> None:
    """Drop this process's copies of pages and fragments (tests start from an empty cache)."""
    _l1.clear()
    _fragment_l1.clear()
    _process_kept.clear()


def _keep_fragment(key: str, html: bytes) -> None:
    if len(_fragment_l1) >= FRAGMENT_L1_SIZE:
        _fragment_l1.clear()
    _fragment_l1[key] = (time.time() + L1_SECONDS, html)


def fragment(
    request: HttpRequest, name: str, tags: Iterable[str], render, seconds: int | None = None
) -> SafeString:
    """A part of a page that every reader shares (a comment thread), kept until one of
    `tags` is purged, so that rendering the page again does not render it again.

    `render()` must render it as for an anonymous reader (no CSRF token, personal parts
    for nobody); a page rendered for one reader gets it with their parts filled in.
    `seconds` bounds what no tag tracks (comment counts in a list: as the page cache).
    """
    from kopbal.core.personal import fill, shared

    tags = sorted(tags)
    add_tags(request, tags)
    key = html = None
    try:
        if not settings.KOPBAL_FRAGMENT_CACHE:
            raise LookupError  # render every time: no key, nothing stored
        versions = _request_versions(request, tags)
        digest = hashlib.sha1(repr(sorted(versions.items())).encode(), usedforsecurity=False)
        key = f"{PREFIX}frag:{name}:{digest.hexdigest()}"
        kept = _fragment_l1.get(key)
        if kept is not None and kept[0] > time.time():
            html = kept[1]
        else:
            html = cache.get(key)
            if html is not None:
                _keep_fragment(key, html)
    except LookupError:
        pass
    except Exception:  # noqa: BLE001 - no cache: render it
        logger.warning("Fragment %s niet uit de cache", name, exc_info=True)
    if html is None:
        lifetime = FRAGMENT_SECONDS if seconds is None else seconds
        html = shared(str(render()).encode())
        if key is not None:
            _keep_fragment(key, html)
            try:
                cache.set(key, html, lifetime)
            except Exception:  # noqa: BLE001
                logger.warning("Fragment %s niet gecachet", name, exc_info=True)
    if not is_cacheable(request):
        html = fill(html, request)
    return mark_safe(html.decode())  # noqa: S308 - our own rendered template


def _remember_url(tags: list[str], url: str) -> None:
    """The front caches purge by URL: keep which URLs carried each tag (bounded)."""
    keys = {_urls_key(t): t for t in tags}
    current = cache.get_many(list(keys))
    updates = {}
    for key in keys:
        urls = current.get(key, [])
        if url not in urls:
            updates[key] = (urls + [url])[-500:]
    if updates:
        cache.set_many(updates, 24 * 3600)


def purge(tags: Iterable[str]) -> None:
    """Everything that shows one of `tags` is stale now, here and in the front caches."""
    tags = set(tags)
    if not tags:
        return
    _l1.clear()
    for tag in tags:
        key = _tag_key(tag)
        try:
            cache.add(key, 0, timeout=None)
            cache.incr(key)
        except Exception:  # noqa: BLE001 - a cache outage must not fail the publish
            logger.warning("Cache-tag %s niet gewist", tag, exc_info=True)
    urls = set()
    for urls_for_tag in cache.get_many([_urls_key(t) for t in tags]).values():
        urls.update(urls_for_tag)
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(sorted(urls))


def csrf_context(request: HttpRequest) -> dict:
    """Context processor: a page cached for everyone must not carry one reader's token.

    Its forms get a mark instead (`personal.shared`), which `personal.fill` turns into a
    logged-in reader's own token.
    """
    if not is_cacheable(request):
        return {}
    from kopbal.core.personal import BLANK

    return {"csrf_token": BLANK}


def same_origin(request: HttpRequest) -> bool:
    """For forms on cached pages (no CSRF token): the post must come from our own pages."""
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER", "")
    if not origin:
        return False
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc == request.get_host()


class PageCacheMiddleware:
    """Stores cacheable anonymous responses; marks everything else private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            is_cacheable(request)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            from kopbal.core.personal import shared

            response.content = shared(response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            try:
                store(request, response)
            except Exception:  # noqa: BLE001 - serving the page matters more than caching it
                logger.warning("Pagina niet gecachet", exc_info=True)
            if response.get("ETag") and response["ETag"] in request.META.get(
                "HTTP_IF_NONE_MATCH", ""
            ):
                not_modified = HttpResponse(status=304)
                for header in ("ETag", "Last-Modified", "Cache-Control", "Cache-Tag"):
                    not_modified[header] = response[header]
                return not_modified
        elif request.method in ("GET", "HEAD") and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
        return response


def _cookies(environ: dict) -> dict:
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return {}
    try:
        return {k: m.value for k, m in SimpleCookie(raw).items()}
    except Exception:  # noqa: BLE001 - a malformed cookie header goes to Django
        return {settings.SESSION_COOKIE_NAME: "?"}


class CachedPageWSGI:
    """Answers cache hits for anonymous readers before Django's request machinery."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method in ("GET", "HEAD") and not is_personal(_cookies(environ)):
            host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
            try:
                entry = lookup(
                    host,
                    environ.get("PATH_INFO", "/"),
                    environ.get("QUERY_STRING", ""),
                    local=environ.get("HTTP_X_KOPBAL_REFRESH") != "1",
                )
            except Exception:  # noqa: BLE001 - no cache, no problem: Django renders
                entry = None
            if entry is not None:
                return self._serve(entry, environ, start_response, method)
        return self.application(environ, start_response)

    @staticmethod
    def _serve(entry: dict, environ, start_response, method: str):
        age = str(max(0, int(time.time() - entry["created"])))
        headers = [*entry["headers"], ("Age", age), ("X-Kopbal-Cache", "hit")]
        if entry["etag"] in environ.get("HTTP_IF_NONE_MATCH", ""):
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response("304 Not Modified", headers)
            return [b""]
        start_response("200 OK", headers)
        return [b"" if method == "HEAD" else entry["body"]]


class CachedPageMixin:
    """A Wagtail page that anonymous readers may get from the page cache.

    `cache_tags()` names what the page shows; lists of articles carry `articles`, which
    every publish, edit and unpublish purges.
    """

    def cache_tags(self) -> set[str]:
        return {f"page-{self.pk}", "articles"}

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors in one query, by path (Wagtail
        first loads the ancestors to follow aliases; an aliased ancestor's source is
        matched here through its aliases)."""
        from django.db.models import Q
        from wagtail.models import PageViewRestriction

        if not getattr(self, "view_restricted", True):  # known from the routing query
            return PageViewRestriction.objects.none()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        if self.alias_of_id:
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()

    def serve(self, request, *args, **kwargs):
        mark_cacheable(request, self.cache_tags())
        return super().serve(request, *args, **kwargs)
