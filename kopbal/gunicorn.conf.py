"""gunicorn settings for `make run` and production (systemd uses the same file).

The scheduler for Wagtail's scheduled publishing starts and stops with the server, so that
a scheduled article goes live with nothing but the server running.
"""

import multiprocessing
import os
import signal
import subprocess
import sys

bind = os.environ.get("KOPBAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("KOPBAL_THREADS", "1"))
timeout = 30
graceful_timeout = 20
accesslog = os.environ.get("KOPBAL_ACCESS_LOG", "-")
wsgi_app = "kopbal.wsgi:application"

_scheduler = None


def when_ready(server):
    global _scheduler
    if os.environ.get("KOPBAL_SCHEDULER", "1") == "0":
        return
    manage = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "manage.py")
    _scheduler = subprocess.Popen([sys.executable, manage, "run_scheduler"])  # noqa: S603
    server.log.info("Planner gestart (pid %s)", _scheduler.pid)


def on_exit(server):
    if _scheduler and _scheduler.poll() is None:
        _scheduler.send_signal(signal.SIGTERM)
        _scheduler.wait(timeout=10)
