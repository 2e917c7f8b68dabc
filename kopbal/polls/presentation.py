"""What a poll looks like for one reader, shared by the page block, the poll page and the
JSON answers, so that the three can never disagree.

How this fits the page cache (kopbal.core.pagecache): the article and home pages carry
the same poll HTML for every reader (the question and one button per answer, or the
results once the poll has closed), so anonymous pages stay cacheable whole. Rendering
them never reads the session or the user. Whether *this* reader already voted is decided
outside the cached page:

- with JavaScript, polls.js asks `/peilingen/stand/?id=…` (private, never cached) and
  swaps in the reader's part: the results with their choice, or the form;
- without JavaScript, the vote is a form POST answered with a 303 back to the article with
  a signed `?peiling=` token (valid KOPBAL_POLL_SHOWN_MAX_AGE) and the `#peiling-<id>`
  anchor, and the page then shows the results; a second vote gets a 409 page with them.

Cached pages carry no CSRF token, so the vote view accepts a post that comes from our own
pages (Origin/Referer) or carries a valid token. Page-cache keys: a page showing the
results is tagged `poll-<id>` (stale after each vote), one showing the form
`poll-<id>-form` (stale only when an editor changes the poll); counts are never in a
page that takes votes, so heavy voting does not empty the page cache.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .choices import PollState
from .conf import setting
from .models import Poll
from .results import results_for, vote_counts

SHOWN_SALT = "kopbal.polls.shown"
SHOWN_PARAM = "peiling"


def poll_tag(poll: Poll | int) -> str:
    """Page-cache key of pages that show this poll's results."""
    return f"poll-{getattr(poll, 'pk', poll)}"


def poll_form_tag(poll: Poll | int) -> str:
    """Page-cache key of pages that show this poll's question and answer buttons."""
    return f"poll-{getattr(poll, 'pk', poll)}-form"


def shown_token(poll: Poll) -> str:
    return signing.TimestampSigner(salt=SHOWN_SALT).sign(str(poll.pk))


def token_shows(request: HttpRequest | None, poll: Poll) -> bool:
    """True when the request carries a fresh token from this poll's vote (no-JS path)."""
    if request is None:
        return False
    token = request.GET.get(SHOWN_PARAM, "")
    if not token or len(token) > 100:
        return False
    try:
        value = signing.TimestampSigner(salt=SHOWN_SALT).unsign(
            token, max_age=setting("KOPBAL_POLL_SHOWN_MAX_AGE")
        )
    except signing.BadSignature:
        return False
    return value == str(poll.pk)


def safe_next(request: HttpRequest, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def with_token(url: str, poll: Poll) -> str:
    """`url` with the signed `?peiling=` token and the poll's anchor."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != SHOWN_PARAM]
    query.append((SHOWN_PARAM, shown_token(poll)))
    return urlunsplit(
        (parts.scheme, parts.netloc, parts.path, urlencode(query), f"peiling-{poll.pk}")
    )


def poll_context(
    poll: Poll,
    *,
    next_url: str,
    choice: int | None = None,
    show_results: bool = False,
    message: str = "",
    fresh: bool = False,
) -> dict:
    """The context of components/poll.html and polls/_poll_body.html."""
    state = poll.state()
    shown = show_results or choice is not None or state == PollState.CLOSED
    results = None
    if shown and state != PollState.UPCOMING:
        results = results_for(poll, vote_counts(poll.pk, fresh=fresh), choice)
    login_url = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": next_url})
    return {
        "poll": poll,
        "state": state.value,
        "results": results,
        "next_url": next_url,
        "login_url": login_url,
        "message": message,
    }
