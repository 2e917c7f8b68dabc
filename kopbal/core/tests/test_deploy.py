"""deploy/nginx/kopbal.conf in Debian's nginx, in front of the app server, PostgreSQL and Redis."""

import time

import pytest

from kopbal.core.localservers import app_server, nginx_deploy
from kopbal.news.tests.factories import publish_article

from .conftest import http_get

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SECRET = "test-refresh-secret"


@pytest.fixture
def stack(app_var_dir, database_url, redis_url, section):
    """The app server (2 workers) on the test database and Redis, with nginx in front."""
    env = {"KOPBAL_VAR_DIR": str(app_var_dir), "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    with (
        app_server(env, workers=2) as app,
        nginx_deploy(app, app_var_dir / "static", SECRET) as front,
    ):
        yield front


def test_pages_static_files_and_purges_through_nginx(redis_cache, stack, section, settings):
    publish_article(section, title="Eerste artikel in de cache")
    status, headers, body = http_get(stack + "/")
    assert status == 200 and "Eerste artikel in de cache" in body
    status, headers, _ = http_get(stack + "/")
    assert headers["X-Cache"] == "HIT"

    # Static files come from disk, hashed and immutable.
    css = body.split('href="/static/css/', 1)[1].split('"', 1)[0]
    status, headers, _ = http_get(f"{stack}/static/css/{css}")
    assert status == 200 and "immutable" in headers["Cache-Control"]

    # Logged-in readers are never served nginx's shared copy.
    _, headers, _ = http_get(stack + "/", Cookie="sessionid=abc")
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
        seen = "Transferbom op deadline day" in http_get(stack + "/")[2]
    assert seen, "the purge did not reach nginx's cached home page"
    assert http_get(stack + "/")[1]["X-Cache"] == "HIT"

    # Only the app's own purges refresh: a wrong secret is just another reader.
    _, headers, _ = http_get(stack + "/", **{"X-Kopbal-Refresh": "guess"})
    assert headers["X-Cache"] == "HIT"
