"""Scheduled articles go live at their time with nothing but the server running."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from kopbal.core.scheduler import publish_due
from kopbal.news.models import ArticlePage

ROOT = Path(__file__).resolve().parents[3]


def schedule(section, title: str, at) -> ArticlePage:
    page = ArticlePage(title=title, lead="Straks online.", live=False)
    section.add_child(instance=page)
    page.go_live_at = at
    page.save_revision().publish()
    return page


def test_publish_due_publishes_only_what_is_due(section):
    now = timezone.now()
    due = schedule(section, "Om half twee", now + timedelta(minutes=5))
    later = schedule(section, "Morgen pas", now + timedelta(days=1))
    publish_due()
    assert not ArticlePage.objects.get(pk=due.pk).live
    with time_machine.travel(now + timedelta(minutes=6)):
        publish_due()
        assert ArticlePage.objects.get(pk=due.pk).live
        assert not ArticlePage.objects.get(pk=later.pk).live
        assert list(ArticlePage.objects.published().values_list("title", flat=True)) == [
            "Om half twee"
        ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gunicorn_publishes_scheduled_article_without_cron(section):
    """The production server, as `make run` starts it, publishes at the scheduled time."""
    page = schedule(section, "Transferbom om klokslag", timezone.now() + timedelta(seconds=3))
    db = settings.DATABASES["default"]
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
        ),
        "KOPBAL_BIND": f"127.0.0.1:{port}",
        "KOPBAL_SCHEDULER_INTERVAL": "1",
        "WEB_CONCURRENCY": "1",
        "KOPBAL_ACCESS_LOG": "/dev/null",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "kopbal/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/belgisch-voetbal/{page.slug}/"
    try:
        status, deadline = None, time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert ArticlePage.objects.get(pk=page.pk).live
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid), "-f", "run_scheduler"],
            capture_output=True,
            text=True,
        ).stdout.split()
        assert len(children) == 1
    finally:
        server.terminate()
        server.wait(timeout=20)
    # The scheduler stops with the server.
    time.sleep(0.5)
    assert not Path(f"/proc/{children[0]}").exists()
