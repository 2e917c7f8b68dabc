"""Rate limits on what readers do (post, like, report, vote), counted in the cache.

Fixed-window counters: Redis in the scale profile (shared by every app process), local
memory in the embedded default. When the cache is down the limit lets the request through:
losing a reader's comment or vote is worse than a minute without a limit.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The reader's address; behind KOPBAL_PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    proxies = getattr(settings, "KOPBAL_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def anonymised(value: str) -> str:
    """A salted hash: counters and stored votes never hold a raw address."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()
    return digest[:32]


def hit(scope: str, who: str, limit: int, window: int) -> bool:
    """Count one action by `who` in `scope`; False once more than `limit` fall in `window` s."""
    bucket = int(time.time() // window)
    key = f"rl:{scope}:{who}:{bucket}"
    try:
        cache.add(key, 0, timeout=window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 5)
            count = 1
    except Exception:  # noqa: BLE001 - a cache outage must not block readers
        logger.warning("Rate limit %s niet geteld: cache onbereikbaar", scope, exc_info=True)
        return True
    return count <= limit


def allow(request: HttpRequest, scope: str, *, per_user: int, per_ip: int, window: int) -> bool:
    """One action: within both the account's and the address's limit."""
    ok = hit(scope, "ip:" + anonymised(client_ip(request)), per_ip, window)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        ok = hit(scope, f"user:{user.pk}", per_user, window) and ok
    return ok


def too_many_requests(request: HttpRequest, message: str, retry_after: int = 60) -> HttpResponse:
    """HTTP 429 with a Dutch explanation."""
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
