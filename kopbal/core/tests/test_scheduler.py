"""Scheduled articles go live at their time with nothing but the server running."""

import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from kopbal.core.localservers import app_server
from kopbal.core.scheduler import publish_due
from kopbal.news.models import ArticlePage

from .conftest import http_get


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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_app_server_publishes_scheduled_article_without_cron(section, app_var_dir, database_url):
    """The production server, as `make run` starts it, publishes at the scheduled time."""
    page = schedule(section, "Transferbom om klokslag", timezone.now() + timedelta(seconds=3))
    env = {
        "KOPBAL_VAR_DIR": str(app_var_dir),
        "DATABASE_URL": database_url,
        "KOPBAL_SCHEDULER": "1",
        "KOPBAL_SCHEDULER_INTERVAL": "1",
    }
    with app_server(env, workers=1) as app:
        url = f"{app}/belgisch-voetbal/{page.slug}/"
        deadline = time.monotonic() + 60
        while http_get(url)[0] != 200:
            assert time.monotonic() < deadline, "the scheduled article did not go live"
            time.sleep(0.5)
        assert ArticlePage.objects.get(pk=page.pk).live
        children = subprocess.run(
            ["pgrep", "-P", str(app.pid), "-f", "run_scheduler"],
            capture_output=True,
            text=True,
        ).stdout.split()
        assert len(children) == 1
    # The scheduler stops with the server.
    time.sleep(0.5)
    assert not Path(f"/proc/{children[0]}").exists()
