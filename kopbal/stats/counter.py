"""Counting article views without a cookie and without a database write per view.

Where views are counted: the reader's browser reports the view to `/stats/v/<page_id>/`
(stats.js, or a <noscript> pixel), not the article view itself. So counting stays right
once the article page is served from a page cache (issue #7), and crawlers that do not
run the page count less. No cookie is read or set; nothing about the reader is stored.

Where counts wait before they reach the database:

- Embedded default (no REDIS_URL): a buffer in each app process, keyed by (page, hour).
  It is written when it holds KOPBAL_VIEWS_FLUSH_EVERY views, when it is older than
  KOPBAL_VIEWS_FLUSH_SECONDS (checked on each view and by a small background thread), and
  when the process exits normally. A killed process loses at most those seconds of views.
- Scale profile (REDIS_URL): every view is one HINCRBY on a shared Redis hash, so counts
  survive app restarts and are shared by every process and machine. One process at a time
  (a Redis lock) renames the hash and writes it; a batch whose write failed is kept under
  its own key and retried. If Redis is unreachable, views fall back to the process buffer.

A write adds a batch to the hourly and daily rows with one INSERT … ON CONFLICT DO UPDATE
statement per table (per 300 rows), on SQLite and PostgreSQL alike: concurrent flushes
from several processes add up instead of overwriting each other.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing.util
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from .models import DailyViews, HourlyViews

logger = logging.getLogger(__name__)

Key = tuple[int, int]  # (page id, hour number: seconds since the epoch // 3600)
CHUNK = 300
HOURLY_KEEP_DAYS = 8
REDIS_RETRY_SECONDS = 5


def setting(name: str, default):
    """A Django setting if there is one, else the environment, else `default`."""
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return (
        type(default)(raw)
        if not isinstance(default, bool)
        else raw.lower() in ("1", "true", "yes", "on")
    )


def current_hour() -> int:
    return int(time.time() // 3600)


def hour_start(hour: int) -> datetime:
    return datetime.fromtimestamp(hour * 3600, tz=UTC)


def _upsert(model, column: str, rows: Mapping[tuple[int, object], int]) -> int:
    """Add `rows` {(page_id, hour-or-day): views} to `model`; returns statements run."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    col = ops.quote_name(column)
    adapt = ops.adapt_datetimefield_value if column == "hour" else ops.adapt_datefield_value
    items = sorted(rows.items())  # a fixed order: concurrent flushes lock rows alike
    statements = 0
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params: list = []
            for (page_id, when), views in chunk:
                params += [page_id, adapt(when), views]
            cursor.execute(
                f"INSERT INTO {table} (page_id, {col}, views) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (page_id, {col}) DO UPDATE SET views = {table}.views + "
                "excluded.views",
                params,
            )
            statements += 1
    return statements


def write_counts(counts: Mapping[Key, int]) -> int:
    """Add buffered views to the hourly and daily rows; returns the views written.

    Views of ids that are not articles (a made-up beacon URL, a deleted page) are dropped.
    """
    from kopbal.news.models import ArticlePage

    counts = {key: n for key, n in counts.items() if n > 0}
    if not counts:
        return 0
    articles = set(
        ArticlePage.objects.filter(pk__in={page for page, _ in counts}).values_list("pk", flat=True)
    )
    hourly: Counter = Counter()
    daily: Counter = Counter()
    for (page, hour), n in counts.items():
        if page in articles:
            start = hour_start(hour)
            hourly[(page, start)] += n
            daily[(page, timezone.localtime(start).date())] += n
    if not hourly:
        return 0
    with transaction.atomic():
        statements = _upsert(HourlyViews, "hour", hourly) + _upsert(DailyViews, "day", daily)
    logger.debug(
        "Weergaven weggeschreven: %s weergaven, %s statements", sum(hourly.values()), statements
    )
    _prune_hourly()
    _refresh_lists()
    return sum(hourly.values())


def _refresh_lists() -> None:
    """New counts: `Meest gelezen` is recomputed here (once per TTL), not in a page render."""
    from .ranking import refresh_if_stale

    try:
        refresh_if_stale()
    except Exception:  # noqa: BLE001 - the counts are written; the lists can wait
        logger.warning("Lijsten niet vernieuwd", exc_info=True)


_last_prune = 0.0


def _prune_hourly() -> None:
    """Hourly rows serve the 24-hour list only: drop those older than a week, hourly."""
    global _last_prune
    now = time.monotonic()
    if now - _last_prune < 3600:
        return
    _last_prune = now
    cutoff = hour_start(current_hour() - HOURLY_KEEP_DAYS * 24)
    HourlyViews.objects.filter(hour__lt=cutoff).delete()


class MemoryBuffer:
    """Views held in this process until there are enough of them, or they are old enough."""

    def __init__(self, flush_every: int, flush_seconds: float) -> None:
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._pending = 0
        self._since = time.monotonic()

    def add(self, page_id: int, n: int = 1, hour: int | None = None) -> None:
        with self._lock:
            self._counts[(page_id, hour if hour is not None else current_hour())] += n
            self._pending += n
            due = (
                self._pending >= self.flush_every
                or time.monotonic() - self._since >= self.flush_seconds
            )
        if due:
            self.flush()

    @property
    def pending(self) -> int:
        return self._pending

    def _take(self) -> Counter:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._pending = 0
            self._since = time.monotonic()
        return counts

    def _put_back(self, counts: Mapping[Key, int]) -> None:
        with self._lock:
            self._counts.update(counts)
            self._pending += sum(counts.values())

    def flush(self) -> int:
        counts = self._take()
        if not counts:
            return 0
        try:
            return write_counts(counts)
        except Exception:  # noqa: BLE001 - keep the views for the next try
            logger.warning("Weergaven niet weggeschreven; later opnieuw", exc_info=True)
            self._put_back(counts)
            return 0


class RedisBuffer:
    """Views counted in Redis (shared by every process), written to the database in batches."""

    PENDING = "kopbal:views:pending"
    FLUSHING = "kopbal:views:flushing:"
    LOCK = "kopbal:views:lock"

    def __init__(self, url: str, flush_seconds: float, fallback: MemoryBuffer) -> None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # Fail fast: a view is worth less than the reader's time; the process buffer waits.
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=0.5,
            socket_connect_timeout=0.5,
            health_check_interval=30,
            retry=Retry(NoBackoff(), 0),
        )
        self.flush_seconds = flush_seconds
        self.fallback = fallback
        self._last_try = time.monotonic()
        self._down_until = 0.0

    def add(self, page_id: int, n: int = 1, hour: int | None = None) -> None:
        from redis.exceptions import RedisError

        field = f"{page_id}:{hour if hour is not None else current_hour()}"
        if time.monotonic() < self._down_until:
            self.fallback.add(page_id, n, hour)
            return
        try:
            self.client.hincrby(self.PENDING, field, n)
        except RedisError:
            # Do not knock on a closed door for every view: try Redis again in a while.
            logger.warning("Redis onbereikbaar: weergaven in het procesbuffer", exc_info=True)
            self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
            self.fallback.add(page_id, n, hour)
            return
        if time.monotonic() - self._last_try >= self.flush_seconds:
            self.flush()

    @property
    def pending(self) -> int:
        total = self.fallback.pending
        for key in [self.PENDING, *self.client.scan_iter(self.FLUSHING + "*")]:
            total += sum(int(v) for v in self.client.hvals(key))
        return total

    @staticmethod
    def _parse(raw: Mapping[bytes, bytes]) -> dict[Key, int]:
        counts: dict[Key, int] = {}
        for field, value in raw.items():
            page, _, hour = field.decode().partition(":")
            counts[(int(page), int(hour))] = int(value)
        return counts

    def flush(self) -> int:
        from redis.exceptions import LockError, RedisError, ResponseError

        self._last_try = time.monotonic()
        written = self.fallback.flush()
        try:
            lock = self.client.lock(self.LOCK, timeout=120, blocking=False)
            if not lock.acquire():
                return written  # another process is writing right now
            try:
                # Batches whose write failed earlier first, then what is pending now.
                keys = list(self.client.scan_iter(self.FLUSHING + "*"))
                batch = self.FLUSHING + uuid.uuid4().hex
                try:
                    self.client.rename(self.PENDING, batch)
                    keys.append(batch)
                except ResponseError:
                    pass  # nothing pending
                for key in keys:
                    written += write_counts(self._parse(self.client.hgetall(key)))
                    self.client.delete(key)
            finally:
                with contextlib.suppress(LockError):
                    lock.release()
        except RedisError:
            logger.warning("Redis onbereikbaar: weergaven later weggeschreven", exc_info=True)
        except Exception:  # noqa: BLE001 - the batch stays in Redis and is retried
            logger.warning("Weergaven niet weggeschreven; later opnieuw", exc_info=True)
        return written


_buffer: MemoryBuffer | RedisBuffer | None = None
_buffer_pid: int | None = None
_buffer_lock = threading.Lock()


def make_buffer() -> MemoryBuffer | RedisBuffer:
    every = setting("KOPBAL_VIEWS_FLUSH_EVERY", 500)
    seconds = setting("KOPBAL_VIEWS_FLUSH_SECONDS", 10)
    memory = MemoryBuffer(every, seconds)
    kind = setting("KOPBAL_VIEWS_BUFFER", "redis" if settings.REDIS_URL else "memory")
    if kind == "redis":
        url = setting("KOPBAL_VIEWS_REDIS_URL", "") or settings.REDIS_URL
        return RedisBuffer(url, seconds, memory)
    return memory


def get_buffer() -> MemoryBuffer | RedisBuffer:
    """This process's buffer (each app server worker gets its own)."""
    global _buffer, _buffer_pid
    if _buffer is None or _buffer_pid != os.getpid():
        with _buffer_lock:
            if _buffer is None or _buffer_pid != os.getpid():
                _buffer, _buffer_pid = make_buffer(), os.getpid()
                if setting("KOPBAL_VIEWS_FLUSH_IN_BACKGROUND", True):
                    _start_background_flush(_buffer)
    return _buffer


def reset_buffer() -> None:
    """Forget the buffer (tests, and after changing the settings it was made from)."""
    global _buffer, _buffer_pid
    _buffer = _buffer_pid = None


def _start_background_flush(buffer: MemoryBuffer | RedisBuffer) -> None:
    interval = max(1.0, float(setting("KOPBAL_VIEWS_FLUSH_SECONDS", 10)))

    def loop() -> None:
        while _buffer is buffer:
            time.sleep(interval)
            try:
                buffer.flush()
                _refresh_lists()  # `Meest besproken` moves with comments, not only views
            finally:
                connections.close_all()  # this thread's connections only

    threading.Thread(target=loop, name="kopbal-views-flush", daemon=True).start()
    atexit.register(buffer.flush)
    # granian's workers are multiprocessing children: they end through multiprocessing's
    # exit function, which runs its finalizers but not atexit.
    multiprocessing.util.Finalize(None, buffer.flush, exitpriority=10)


def record_view(page_id: int) -> None:
    """Count one view of a page."""
    get_buffer().add(page_id)


def record_views(page_ids: Iterable[int]) -> None:
    buffer = get_buffer()
    for page_id in page_ids:
        buffer.add(page_id)


def flush_views() -> int:
    """Write whatever is buffered now (management command, tests, process exit)."""
    return get_buffer().flush()
