"""Who is voting: an account, or an anonymous reader recognised by a signed cookie.

The cookie holds a random key (never an address); the vote row stores only a salted hash
of it, so the database alone cannot link a vote to a browser.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.http import HttpRequest, HttpResponse

from kopbal.core.ratelimit import anonymised

from .conf import setting

SALT = "kopbal.polls.voter"


def read_voter_key(request: HttpRequest) -> str | None:
    """The reader's key, or None without a cookie or with a tampered one."""
    try:
        key = request.get_signed_cookie(
            setting("KOPBAL_POLL_COOKIE"), salt=SALT, max_age=setting("KOPBAL_POLL_COOKIE_AGE")
        )
    except (KeyError, signing.BadSignature):
        return None
    return key if key and len(key) <= 64 else None


def new_voter_key() -> str:
    return secrets.token_urlsafe(18)


def voter_hash(key: str) -> str:
    return anonymised("poll-voter:" + key)


def set_voter_cookie(request: HttpRequest, response: HttpResponse, key: str) -> None:
    response.set_signed_cookie(
        setting("KOPBAL_POLL_COOKIE"),
        key,
        salt=SALT,
        max_age=setting("KOPBAL_POLL_COOKIE_AGE"),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
