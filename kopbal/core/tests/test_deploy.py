"""deploy/nginx/kopbal.conf in Debian's nginx, in front of gunicorn, PostgreSQL and Redis."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kopbal.news.tests.factories import publish_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
SECRET = "test-refresh-secret"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture
def stack(tmp_path, app_var_dir, redis_url, section):
    """gunicorn (2 workers) on the test database and Redis, with nginx in front."""
    db = settings.DATABASES["default"]
    app_port, nginx_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(app_var_dir),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/"
        f"{connection.settings_dict['NAME']}",
        "REDIS_URL": redis_url,
        "KOPBAL_SCHEDULER": "0",
        "KOPBAL_ACCESS_LOG": "/dev/null",
        "KOPBAL_BIND": f"127.0.0.1:{app_port}",
        "WEB_CONCURRENCY": "2",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
    }
    app_log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "kopbal/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stderr=app_log,
    )
    nginx_dir = tmp_path / "nginx"
    (nginx_dir / "tmp").mkdir(parents=True)
    tmp_path.chmod(0o755)
    site_conf = (
        (ROOT / "deploy/nginx/kopbal.conf")
        .read_text()
        .replace("/var/cache/nginx/kopbal", str(nginx_dir / "cache"))
        .replace("server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}")
        .replace("listen 80;", f"listen 127.0.0.1:{nginx_port};")
        .replace("/srv/kopbal/var/static/", f"{app_var_dir}/static/")
        .replace("/srv/kopbal/var/media/", f"{app_var_dir}/media/")
        .replace("change-me-refresh-secret", SECRET)
    )
    (nginx_dir / "kopbal.conf").write_text(site_conf)
    temp_paths = "".join(
        f"{kind}_temp_path {nginx_dir}/tmp; "
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (nginx_dir / "nginx.conf").write_text(
        # Workers as root: the test's temp dirs belong to root (a real install uses www-data).
        f"user root; worker_processes 1; pid {nginx_dir}/nginx.pid;"
        f" error_log {nginx_dir}/error.log;"
        " daemon off; events { worker_connections 256; }"
        f" http {{ include /etc/nginx/mime.types; access_log off; {temp_paths}"
        f" include {nginx_dir}/kopbal.conf; }}"
    )
    nginx = subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c",
            str(nginx_dir / "nginx.conf"),
            "-p",
            str(nginx_dir),
        ],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{nginx_port}"
    try:
        # Not the home page: nothing may be cached before the test publishes.
        wait_for(f"http://127.0.0.1:{app_port}/admin/login/")
        wait_for(base + "/admin/login/")
        yield base
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(timeout=10)
        app.wait(timeout=30)
        app_log.close()
        sys.stderr.write((tmp_path / "app.log").read_text()[-3000:])
        sys.stderr.write((nginx_dir / "error.log").read_text()[-3000:])


def test_pages_static_files_and_purges_through_nginx(redis_cache, stack, section, settings):
    publish_article(section, title="Eerste artikel in de cache")
    status, headers, body = get(stack + "/")
    assert status == 200 and "Eerste artikel in de cache" in body
    status, headers, _ = get(stack + "/")
    assert headers["X-Cache"] == "HIT"

    # Static files come from disk, hashed and immutable.
    css = body.split('href="/static/css/', 1)[1].split('"', 1)[0]
    status, headers, _ = get(f"{stack}/static/css/{css}")
    assert status == 200 and "immutable" in headers["Cache-Control"]

    # Logged-in readers are never served nginx's shared copy.
    _, headers, _ = get(stack + "/", Cookie="sessionid=abc")
    assert headers["X-Cache"] == "BYPASS"

    # A new article shows on the cached listing page within seconds: purged by key.
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "kopbal.core.frontendcache.NginxRefreshBackend",
            "LOCATIONS": [stack],
            "SECRET": SECRET,
        }
    }
    publish_article(section, title="Transferbom op deadline day")
    deadline, seen = time.monotonic() + 5, False
    while time.monotonic() < deadline and not seen:
        time.sleep(0.2)
        seen = "Transferbom op deadline day" in get(stack + "/")[2]
    assert seen, "the purge did not reach nginx's cached home page"
    assert get(stack + "/")[1]["X-Cache"] == "HIT"

    # Only the app's own purges refresh: a wrong secret is just another reader.
    _, headers, _ = get(stack + "/", **{"X-Kopbal-Refresh": "guess"})
    assert headers["X-Cache"] == "HIT"
