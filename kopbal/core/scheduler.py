"""Scheduled publishing without cron: a loop that the production server starts beside itself.

Wagtail publishes scheduled revisions only when `publish_scheduled` runs, and operators
forget the cron job. kopbal/serve.py starts `manage.py run_scheduler` with the server and
stops it with the server. With several app machines on PostgreSQL, an advisory lock lets
only one of them publish at a time.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from django.core.management import call_command
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)
LOCK_ID = 4_242_001


@contextmanager
def _single_publisher():
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


def publish_due() -> None:
    with _single_publisher() as mine:
        if mine:
            call_command("publish_scheduled", verbosity=0)


def run_forever(interval: float) -> None:
    logger.info("Planner actief: geplande pagina's worden elke %s s gepubliceerd.", interval)
    while True:
        close_old_connections()
        try:
            publish_due()
        except Exception:  # keep the loop alive through a database restart
            logger.exception("Geplande publicatie mislukt; nieuwe poging straks.")
        time.sleep(interval)
