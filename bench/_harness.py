"""Shared bench plumbing: a demo site in a temp dir, the app server, nginx for static files, wrk.

Every figure a bench prints is paired with a baseline measured in the same run on the same
machine (nginx serving the same bytes as a static file), so that the ratio means something
whatever else the machine is doing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from kopbal.core.localservers import app_server, nginx_static  # noqa: E402, F401 - re-exported


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.read()


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    def row(self, baseline: Result | None) -> str:
        ratio = f"{self.rps / baseline.rps:7.1%}" if baseline else "      -"
        return (
            f"{self.name:<38} {self.rps:>10,.0f} {self.p50_ms:>9.2f} {self.p99_ms:>9.2f} "
            f"{ratio} {self.errors:>7}"
        )


HEADER = f"{'target':<38} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'vs static':>7} {'errors':>7}"


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(name: str, url: str, connections: int = 16, seconds: int = 8, threads: int = 2) -> Result:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(n) for n in sock.groups())
    return Result(name, rps, p50, p99, errors)


@contextlib.contextmanager
def demo_site(env_extra: dict | None = None) -> Iterator[dict]:
    """A fresh demo database (SQLite in a temp var dir unless DATABASE_URL is given)."""
    var = Path(tempfile.mkdtemp(prefix="kopbal-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(var),
        "KOPBAL_SCHEDULER": "0",
        "KOPBAL_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "WARNING",
        **(env_extra or {}),
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    try:
        for args in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                manage + args + ["-v0"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        yield env
    finally:
        shutil.rmtree(var, ignore_errors=True)


BARE = ROOT / "bench" / "bare_wagtail"


@contextlib.contextmanager
def bare_wagtail(
    title: str, body_html: str, site_cache: bool = False, workers: int = 2, conn_max_age: int = 0
):
    """The baseline: a bare Wagtail site (bench/bare_wagtail) serving one page with the same
    headline and body, under the same server and workers; yields the page's URL."""
    from kopbal.core.localservers import free_port, wait_for

    var = Path(tempfile.mkdtemp(prefix="kopbal-bench-bare-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings",
        "BARE_VAR_DIR": str(var),
        "BARE_SITE_CACHE": "1" if site_cache else "0",
        "BARE_CONN_MAX_AGE": str(conn_max_age),
    }
    env.pop("DATABASE_URL", None)
    manage = [PYTHON, "manage.py"]
    port = free_port()
    server = None
    try:
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=BARE, check=True)
        script = (
            "from wagtail.models import Page, Site; from barepages.models import BarePage; "
            "import json, sys; data = json.load(sys.stdin); root = Page.objects.get(depth=1); "
            "Page.objects.filter(depth=2).delete(); Page.fix_tree(); root.refresh_from_db(); "
            "home = root.add_child(instance=BarePage(title='Home', slug='home')); "
            "page = home.add_child(instance=BarePage(title=data['title'], slug='artikel', "
            "body=data['body'])); "
            "Site.objects.all().delete(); "
            "Site.objects.create(hostname='127.0.0.1', port=80, root_page=home, "
            "is_default_site=True)"
        )
        import json

        subprocess.run(
            [*manage, "shell", "-c", script],
            env=env,
            cwd=BARE,
            check=True,
            input=json.dumps({"title": title, "body": body_html}),
            text=True,
        )
        from kopbal.serve import command

        server = subprocess.Popen(
            command(f"127.0.0.1:{port}", workers, "/dev/null", target="wsgi:application"),
            env=env,
            cwd=BARE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/artikel/"
        wait_for(url)
        yield url
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


def article_parts(html: bytes) -> tuple[str, str]:
    """The headline and the body of a kopbal article page, for the bare Wagtail page."""
    text = html.decode()
    title = re.search(r'<h1 class="article__title">(.*?)</h1>', text, re.S).group(1)
    body = re.search(r'<div class="article__body">(.*?)</div>\s*(?:<section|<aside|<nav|<div)',
                     text, re.S)  # fmt: skip
    return title.strip(), (body.group(1) if body else "")
