"""Personal parts of cached pages: the few bits of a page that differ per reader.

A page in the page cache is rendered once, as an anonymous reader sees it. What differs per
reader (the account link, the login hint under the comment form, a club's follow button,
CSRF tokens) is rendered through `{% personal "name" key=value %}`, which marks it in the
HTML. A logged-in reader then gets the cached page with only those parts rendered again for
them (`PersonalPageMiddleware`), instead of a whole page: the article, its comments and its
lists stay cached for everyone. Likes, own comments and votes are filled in by the page's
scripts from the state endpoints, as for anonymous readers.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from kopbal.core import pagecache

PARTS: dict[str, Callable[..., str]] = {}

MARK = re.compile(rb"<!--kp:([a-z0-9-]+) ([A-Za-z0-9_=-]*)-->(.*?)<!--/kp-->", re.S)
BLANK_INPUT = b'<input type="hidden" name="csrfmiddlewaretoken" value="">'
CSRF_MARK = b"<!--kp:csrf-->"
# Headers of the shared entry that must not describe a page made for one reader.
SHARED_ONLY = {"etag", "last-modified", "cache-control", "cache-tag", "surrogate-key"}


def part(name: str) -> Callable:
    """Register `func(request, **kwargs) -> html` as the personal part `name`."""

    def register(func: Callable[..., str]) -> Callable[..., str]:
        PARTS[name] = func
        return func

    return register


def render(name: str, request: HttpRequest | None, **kwargs: int | str) -> SafeString:
    """The part for this reader, marked so that a cached copy can be filled in for another."""
    html = PARTS[name](request, **kwargs)
    args = base64.urlsafe_b64encode(json.dumps(kwargs).encode()).decode() if kwargs else ""
    return mark_safe(f"<!--kp:{name} {args}-->{html}<!--/kp-->")  # noqa: S308 - our markup


def fill(body: bytes, request: HttpRequest) -> bytes:
    """The shared page with every personal part (and CSRF token) rendered for `request`."""

    def again(match: re.Match) -> bytes:
        func = PARTS.get(match[1].decode())
        if func is None:
            return match[0]
        kwargs = json.loads(base64.urlsafe_b64decode(match[2])) if match[2] else {}
        return render(match[1].decode(), request, **kwargs).encode()

    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
    return MARK.sub(again, body.replace(CSRF_MARK, token.encode()))


def shared(body: bytes) -> bytes:
    """The page as stored for everyone: each form's token is a mark, not an empty input."""
    return body.replace(BLANK_INPUT, CSRF_MARK)


class _BlankToken(str):
    """A CSRF token that renders the hidden input with an empty value, for `shared`."""

    def __bool__(self) -> bool:
        return True


BLANK = _BlankToken("")


def wants_shared_page(request: HttpRequest) -> bool:
    """A reader with a session may get the shared page, filled in, unless something is
    waiting for them only (a message) or they edit the site (Wagtail's userbar)."""
    if request.method not in ("GET", "HEAD") or not pagecache.is_personal(request.COOKIES):
        return False
    if request.COOKIES.get("messages") or request.session.get("_messages"):
        return False
    return not request.user.is_staff


class PersonalPageMiddleware:
    """Serves cached pages to logged-in readers, with their personal parts filled in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if wants_shared_page(request):
            try:
                entry = pagecache.lookup(
                    request.get_host(), request.path, request.META.get("QUERY_STRING", "")
                )
            except Exception:  # noqa: BLE001 - no cache: the view renders the page
                entry = None
            if entry is not None:
                return self._serve(entry, request)
        return self.get_response(request)

    @staticmethod
    def _serve(entry: dict, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(fill(entry["body"], request), status=entry["status"])
        for name, value in entry["headers"]:
            if name.lower() not in SHARED_ONLY and name.lower() != "content-length":
                response[name] = value
        response["Cache-Control"] = "private, no-cache"
        response["X-Kopbal-Cache"] = "personal"
        return response
