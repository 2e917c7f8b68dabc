"""Real servers on loopback for tests and benchmarks: the app server as `make run` starts it,
Debian's nginx with deploy/nginx/kopbal.conf or serving static files, and redis-server.

Each is a context manager that starts the server on a free port, waits until it answers,
and stops it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


class AppServer(str):
    """The base URL of a running app server, with the pid of its `kopbal.serve` process."""

    pid: int


@contextlib.contextmanager
def app_server(env: dict, workers: int = 2, log: Path | None = None) -> Iterator[AppServer]:
    """kopbal as `make run` serves it (`python -m kopbal.serve`: granian); yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_SCHEDULER": "0",
        "KOPBAL_ACCESS_LOG": "/dev/null",
        **env,
        "KOPBAL_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
    }
    stderr = log.open("w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "kopbal.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    base = AppServer(f"http://127.0.0.1:{port}")
    base.pid = proc.pid
    try:
        # Not the home page: nothing gets cached before the caller wants it.
        wait_for(base + "/admin/login/")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if log:
            stderr.close()


def worker_pids(server: AppServer) -> list[int]:
    """The worker processes of a running app server (children of granian's main process)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    workers = []
    for granian_pid in children:  # kopbal.serve -> granian (and the scheduler) -> workers
        path = Path(f"/proc/{granian_pid}/task/{granian_pid}/children")
        with contextlib.suppress(FileNotFoundError):
            workers += [int(pid) for pid in path.read_text().split()]
    return workers


def _nginx(directory: Path, http_body: str, workers: int) -> subprocess.Popen:
    (directory / "tmp").mkdir(parents=True, exist_ok=True)
    temp_paths = "".join(f"{kind}_temp_path {directory}/tmp; " for kind in TEMP_KINDS)
    (directory / "nginx.conf").write_text(
        # Workers as root: the temp dirs belong to root (a real install runs as www-data).
        f"user root; worker_processes {workers}; pid {directory}/nginx.pid;"
        f" error_log {directory}/error.log; daemon off;"
        " events { worker_connections 4096; }"
        f" http {{ include /etc/nginx/mime.types; access_log off; {temp_paths} {http_body} }}"
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen(
        [nginx, "-c", str(directory / "nginx.conf"), "-p", str(directory)],
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def nginx_deploy(
    app_url: str, static_root: Path, refresh_secret: str, workers: int = 1
) -> Iterator[str]:
    """deploy/nginx/kopbal.conf with only its CHANGE lines set for loopback."""
    directory = Path(tempfile.mkdtemp(prefix="kopbal-nginx-"))
    port = free_port()
    site = (
        (ROOT / "deploy/nginx/kopbal.conf")
        .read_text()
        .replace("/var/cache/nginx/kopbal", str(directory / "cache"))
        .replace("server 127.0.0.1:8000", "server " + app_url.removeprefix("http://"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("/srv/kopbal/var/static/", f"{static_root}/")
        .replace("/srv/kopbal/var/media/", f"{static_root.parent}/media/")
        .replace("change-me-refresh-secret", refresh_secret)
    )
    (directory / "kopbal.conf").write_text(site)
    proc = _nginx(directory, f"include {directory}/kopbal.conf;", workers)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/admin/login/")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


@contextlib.contextmanager
def nginx_static(files: dict[str, bytes], workers: int = 1) -> Iterator[str]:
    """nginx serving `files` (name -> bytes) as static files: the baseline of benchmarks."""
    directory = Path(tempfile.mkdtemp(prefix="kopbal-nginx-"))
    (directory / "html").mkdir()
    for name, data in files.items():
        (directory / "html" / name).write_bytes(data)
    port = free_port()
    body = (
        "sendfile on; tcp_nopush on; keepalive_requests 100000; default_type text/html;"
        f" server {{ listen 127.0.0.1:{port}; root {directory}/html; }}"
    )
    proc = _nginx(directory, body, workers)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/" + next(iter(files)))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


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
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway redis-server; yields its URL."""
    port = free_port()
    proc = start_redis(port)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
