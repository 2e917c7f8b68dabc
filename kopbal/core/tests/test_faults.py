"""Fault tests with real servers on loopback: Redis killed, PostgreSQL restarted."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kopbal.news.tests.factories import publish_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_of(url: str, **headers) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)
    except OSError:
        return 0, "", {}


def start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.05)
    raise AssertionError("redis-server did not start")


class Server:
    """gunicorn as in production, on the test database."""

    def __init__(self, var_dir: Path, **env):
        db = settings.DATABASES["default"]
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
            "KOPBAL_VAR_DIR": str(var_dir),
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/"
            f"{connection.settings_dict['NAME']}",
            "KOPBAL_SCHEDULER": "0",
            "KOPBAL_ACCESS_LOG": "/dev/null",
            "KOPBAL_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
            **env,
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "kopbal/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while status_of(self.url + "/admin/login/")[0] != 200:
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


class Load(threading.Thread):
    """Readers hitting URLs in a loop, recording (time, status)."""

    def __init__(self, urls: list[str]):
        super().__init__(daemon=True)
        self.urls, self.results, self.running = urls, [], True

    def run(self) -> None:
        i = 0
        while self.running:
            status, body, _ = status_of(self.urls[i % len(self.urls)])
            self.results.append((time.monotonic(), status, body))
            i += 1
            time.sleep(0.02)

    def stop(self) -> list:
        self.running = False
        self.join(timeout=15)
        return self.results


def test_redis_killed_pages_keep_coming(app_var_dir, section):
    article = publish_article(section, title="Redis valt om, de site niet")
    redis_port = free_port()
    redis = start_redis(redis_port)
    server = Server(app_var_dir, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    urls = [server.url + article.url, server.url + "/", server.url + "/archief/"]
    try:
        assert status_of(urls[0])[0] == 200
        assert status_of(urls[0])[2].get("X-Kopbal-Cache") == "hit"
        load = Load(urls)
        load.start()
        time.sleep(1)
        redis.kill()
        redis.wait()
        time.sleep(3)
        down = [r for r in load.results if r[0] > time.monotonic() - 2]
        redis = start_redis(redis_port)
        time.sleep(3)  # the cache's cool-down passes; it is used again
        results = load.stop()
        statuses = {status for _, status, _ in results}
        assert statuses == {200}, statuses
        assert down and all(status == 200 for _, status, _ in down)
        # Back on Redis: pages come from the cache again.
        status_of(urls[0])
        assert status_of(urls[0])[2].get("X-Kopbal-Cache") == "hit"
    finally:
        server.stop()
        redis.kill()


def test_postgres_restart_gives_503_then_recovers(app_var_dir, section):
    data, port = os.environ["KOPBAL_PG_DATA"], os.environ["KOPBAL_PG_PORT"]
    pg_ctl = (
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "/usr/lib/postgresql/15/bin/pg_ctl",
            "-D",
            data,
        ]
        if os.geteuid() == 0
        else ["/usr/lib/postgresql/15/bin/pg_ctl", "-D", data]
    )
    article = publish_article(section, title="Databank even weg")
    # No page cache: every request needs the database.
    server = Server(app_var_dir, KOPBAL_PAGE_CACHE_SECONDS="0")
    url = server.url + article.url
    try:
        assert status_of(url)[0] == 200
        load = Load([url])
        load.start()
        time.sleep(0.5)
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], check=True, stdout=subprocess.DEVNULL)
        time.sleep(2)
        options = (
            f"-p {port} -k {Path(data).parent} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        subprocess.run(
            [*pg_ctl, "-l", f"{Path(data).parent}/server.log", "-w", "-o", options, "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        restarted = time.monotonic()
        time.sleep(3)
        results = load.stop()
        statuses = [status for _, status, _ in results]
        assert set(statuses) <= {200, 503}, set(statuses)
        unavailable = [body for _, status, body in results if status == 503]
        assert unavailable, "no request saw the database down"
        assert "Even onbereikbaar" in unavailable[0]
        after = [status for t, status, _ in results if t > restarted + 1]
        assert after and set(after) == {200}, "the site did not recover by itself"
    finally:
        server.stop()
        connection.close()  # the test's own connection died with the restart
