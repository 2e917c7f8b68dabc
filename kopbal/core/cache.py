"""A Redis cache that degrades to "no cache" while Redis is down, instead of raising.

Django's RedisCache raises ConnectionError on every call when Redis is unreachable, which
turns a cache outage into a site outage. Here a failed call answers like a miss, and for a
short cool-down the backend does not even try, so that pages are served from the database
(slower) until Redis is back. Sessions (cached_db) fall back to the database the same way.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django builds a redis-py client for every cache call; building one (its table of
    response callbacks) was a fifth of an uncached page under the scale profile. A client
    per connection pool is enough: clients are thread-safe and take connections from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None or client.connection_pool is not pool:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


COOL_DOWN = 2.0  # seconds without trying after a failure

_MISS_ANSWERS = {
    "get": lambda args, kwargs: kwargs.get("default", args[2] if len(args) > 2 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "add": lambda args, kwargs: False,
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "set_many": lambda args, kwargs: [],
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: None,
}


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry_on_timeout", False)
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    @property
    def available(self) -> bool:
        return time.monotonic() >= type(self)._down_until

    def _failed(self, exc: Exception) -> None:
        if self.available:
            logger.warning("Redis onbereikbaar (%s): cache tijdelijk uitgeschakeld", exc)
        type(self)._down_until = time.monotonic() + COOL_DOWN

    def incr(self, key, delta=1, version=None):
        # Callers (rate limits, counters) handle the error: they must know nothing was counted.
        if not self.available:
            raise ConnectionError("Redis is down")
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as exc:
            self._failed(exc)
            raise ConnectionError(str(exc)) from exc

    def raw_client(self):
        """The redis-py client, for commands Django's API has no name for (SADD, HINCRBY)."""
        return self._cache.get_client(write=True)


def _guarded(name: str):
    original = getattr(RedisCache, name)
    miss = _MISS_ANSWERS[name]

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        if not self.available:
            return miss((self, *args), kwargs)
        try:
            return original(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any Redis failure is a miss
            self._failed(exc)
            return miss((self, *args), kwargs)

    return method


for _name in _MISS_ANSWERS:
    setattr(ResilientRedisCache, _name, _guarded(_name))
