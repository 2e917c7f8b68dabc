import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from kopbal.news.tests.factories import publish_article
from kopbal.stats import counter


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    """Each test gets its own buffer, with flushes only when the test asks for them."""
    settings.KOPBAL_VIEWS_BUFFER = "memory"
    settings.KOPBAL_VIEWS_FLUSH_EVERY = 10**9
    settings.KOPBAL_VIEWS_FLUSH_SECONDS = 10**9
    counter.reset_buffer()
    counter._last_prune = time.monotonic()  # no pruning in the middle of a count
    cache.clear()
    yield
    counter.reset_buffer()
    cache.clear()


@pytest.fixture
def articles(section):
    return [publish_article(section, title=f"Artikel {name}") for name in "ABC"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_server():
    """A real Redis of our own on a free loopback port, stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (scripts/install-system-deps.sh)")
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield proc, f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)
