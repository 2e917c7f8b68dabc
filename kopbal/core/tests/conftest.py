import os
import subprocess
import sys
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def app_var_dir(tmp_path_factory) -> Path:
    """A var/ for app servers started by tests: static files collected once per run."""
    var = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(var),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    for path in [var, *var.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # nginx's workers read them
    return var


@pytest.fixture
def database_url() -> str:
    """The test database as a URL, for app servers started by a (transactional) test."""
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"


def http_get(url: str, **headers) -> tuple[int, Message, str]:
    """(status, headers, body) of a GET; status 0 when nothing answers. Header names are
    case-insensitive (granian sends them in lower case)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    except OSError:
        return 0, Message(), ""


@pytest.fixture
def article(section):
    """An article published the editor's way (the root conftest empties the caches)."""
    from kopbal.news.tests.factories import publish_article

    return publish_article(section, title="Mechelen wint de derby", lead="Een zege. Eindelijk.")
