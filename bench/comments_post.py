"""Posting comments at rising concurrency against PostgreSQL, under granian (`make run`).

    python bench/comments_post.py            (starts a throwaway PostgreSQL itself)

Prints comments/s and p50/p99 per concurrency level, each next to a baseline measured in
the same run at the same concurrency: a GET of the tiny, database-free state endpoint
(`/reacties/status/`, the smallest thing the same app server answers). Then reading: the
article page with 1279 comments and a `meer reacties` page, against the same baseline.
Every post is a real form POST with a logged-in session, CSRF, the pre-moderation rules,
rate limits (raised for the bench), the per-reader lock and the audit of counts: at the
end the rows in the database must equal the 201/302 answers, and no answer may be a 5xx.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEVELS = [1, 4, 16, 32]
POSTS_PER_LEVEL = 400
READERS = 200
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reexec_under_postgres() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    script = ROOT / "scripts" / "with-pg.sh"
    os.execv(str(script), [str(script), sys.executable, *sys.argv])  # noqa: S606


def setup_site(env: dict) -> dict:
    """Migrate, then build one article with 1279 comments and READERS trusted readers with
    a session each. Returns what the load needs."""
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *args, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from kopbal.comments.models import Comment
    from kopbal.news.setup import ensure_site_structure
    from kopbal.news.tests.factories import publish_article

    home = ensure_site_structure()
    section = home.get_children().first().specific
    article = publish_article(section, title="Transferbom: Mannaert naar Anderlecht?", lead="Lead.")
    other = publish_article(section, title="Ander artikel", lead="Lead.")
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.com", display_name=f"Bench {n}")
        for n in range(READERS)
    )
    # Two approved comments each (on another article): trusted, so posts go online at once.
    Comment.objects.bulk_create(
        Comment(page=other, author=u, body=f"oud {i}") for u in users for i in range(2)
    )
    Comment.objects.bulk_create(
        Comment(page=article, author=users[i % READERS], body=f"Reactie {i} over Mannaert")
        for i in range(1279)
    )
    sessions = []
    for user in User.objects.filter(username__startswith="bench"):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return {"article_id": article.pk, "article_url": article.url, "sessions": sessions}


class Load:
    """C threads, each with its own keep-alive connection, sharing a queue of requests."""

    def __init__(self, port: int, concurrency: int, total: int, make_request):
        self.port, self.concurrency, self.total = port, concurrency, total
        self.make_request = make_request
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.lock = threading.Lock()
        self.next = 0

    def _take(self) -> int | None:
        with self.lock:
            if self.next >= self.total:
                return None
            self.next += 1
            return self.next - 1

    def _worker(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while (n := self._take()) is not None:
            method, path, body, headers = self.make_request(n)
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                status = 0
            elapsed = time.perf_counter() - start
            with self.lock:
                self.latencies.append(elapsed)
                self.statuses[status] = self.statuses.get(status, 0) + 1
        conn.close()

    def run(self) -> dict:
        threads = [threading.Thread(target=self._worker) for _ in range(self.concurrency)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        lat = sorted(self.latencies)
        return {
            "rate": len(lat) / wall,
            "p50": statistics.median(lat) * 1000,
            "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
            "statuses": self.statuses,
        }


def main() -> int:
    reexec_under_postgres()
    sys.path.insert(0, str(ROOT))
    from kopbal.core.localservers import redis_server

    # The scale profile: every worker shares the page cache, its purges and the rate-limit
    # counters in Redis (with local memory each worker would keep its own).
    with redis_server() as redis_url:
        return run_site(redis_url)


def run_site(redis_url: str) -> int:
    var = Path(tempfile.mkdtemp(prefix="kopbal-bench-comments-"))
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "LOG_LEVEL": "WARNING",
        "KOPBAL_SCHEDULER": "0",
        # Limits far above what the bench sends: we measure posting, not the 429 path.
        "KOPBAL_RATE_COMMENT_POST": "1000000,1000000,60",
        "DB_CONN_MAX_AGE": "60",
    }
    print(f"Opzetten: PostgreSQL en Redis, 1279 reacties, {READERS} lezers ...", flush=True)
    site = setup_site(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kopbal.serve"],
        cwd=ROOT,
        env={
            **env,
            "KOPBAL_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(WORKERS),
            "KOPBAL_ACCESS_LOG": "/dev/null",
        },
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        return run_bench(port, site)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


def run_bench(port: int, site: dict) -> int:
    from kopbal.comments.models import Comment

    token = secrets.token_hex(16)  # a 32-character CSRF secret, same in cookie and header
    compose = f"/reacties/artikel/{site['article_id']}/schrijven/"
    sessions = site["sessions"]

    def baseline(n):
        return "GET", "/reacties/status/", None, {}

    def post(n):
        body = urllib.parse.urlencode(
            {"body": f"Bench-reactie {n} {secrets.token_hex(4)}: Mannaert moet blijven."}
        )
        return (
            "POST",
            compose,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={sessions[n % len(sessions)]}; csrftoken={token}",
                "X-CSRFToken": token,
            },
        )

    # Warm every worker (imports, connections, template cache).
    Load(port, WORKERS * 2, WORKERS * 8, baseline).run()
    before = Comment.objects.count()
    print(
        f"\ngranian, {WORKERS} workers, PostgreSQL. Baseline: GET /reacties/status/ "
        "(tiny, no database) at the same concurrency.\n"
    )
    print(
        f"{'gelijktijdig':>12} {'reacties/s':>11} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'basis req/s':>12} {'basis p99':>10} {'tempo':>7} {'p99 x':>7} {'fouten':>7}"
    )
    ok_posts = 0
    failures = 0
    offset = 0
    for level in LEVELS:
        base = Load(port, level, max(400, POSTS_PER_LEVEL), baseline).run()
        run = Load(port, level, POSTS_PER_LEVEL, lambda n, o=offset: post(n + o))
        result = run.run()
        offset += POSTS_PER_LEVEL
        good = sum(v for s, v in result["statuses"].items() if s in (201, 302))
        bad = sum(v for s, v in result["statuses"].items() if s >= 500 or s == 0)
        other = POSTS_PER_LEVEL - good - bad
        ok_posts += good
        failures += bad + other
        print(
            f"{level:>12} {result['rate']:>11,.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{base['rate']:>12,.0f} {base['p99']:>10.1f} {result['rate'] / base['rate']:>7.1%} "
            f"{result['p99'] / base['p99']:>7.1f} {bad + other:>7}"
        )
    rows = Comment.objects.count() - before
    print(f"\n{ok_posts} geslaagde posts, {rows} nieuwe rijen in de database, {failures} fouten.")

    article_page = site["article_url"]
    more = f"/reacties/artikel/{site['article_id']}/?volgorde=nieuw&na="
    from kopbal.comments.threads import load_page

    first = load_page(site["article_id"], "nieuw", first=True)
    more += first.next_cursor
    print("\nLezen (4 gelijktijdig), tegen dezelfde basis:")
    base = Load(port, 4, 400, baseline).run()
    pages = (
        ("artikel met 1279+ reacties", article_page),
        ("meer reacties (pagina)", more),
        ("meer reacties (script, deel=1)", more + "&deel=1"),
    )
    for name, path in pages:
        result = Load(port, 4, 200, lambda n, p=path: ("GET", p, None, {})).run()
        errors = sum(v for s, v in result["statuses"].items() if s != 200)
        print(
            f"  {name:<28} {result['rate']:>7,.0f} req/s (basis {base['rate']:,.0f}: "
            f"{result['rate'] / base['rate']:.1%}), p99 {result['p99']:.1f} ms, fouten {errors}"
        )
    return 0 if rows == ok_posts and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
