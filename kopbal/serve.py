"""The app server: granian (a Rust HTTP server) with the publishing scheduler beside it.

    python -m kopbal.serve        # make run, scripts/run-scale.sh, deploy/systemd

Granian answers the page cache's hits (kopbal/wsgi.py) without Python's HTTP parsing, which
is most of what a hit costs under gunicorn. The scheduler for Wagtail's scheduled publishing
starts and stops with the server, so a scheduled article goes live with nothing else running.

Environment: KOPBAL_BIND (127.0.0.1:8000), WEB_CONCURRENCY (worker processes; default one
per core, as granian advises for a synchronous app), KOPBAL_SCHEDULER (0: no scheduler),
KOPBAL_ACCESS_LOG (-: every request on standard output, the default; /dev/null: none).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One request at a time per worker process (Django is synchronous); a crashed worker is
# replaced, and a stuck one is killed 20 s after a stop.
GRANIAN_OPTIONS = [
    "--interface", "wsgi", "--no-ws", "--blocking-threads", "1",
    "--respawn-failed-workers", "--workers-kill-timeout", "20",
]  # fmt: skip


def command(
    bind: str, workers: int, access_log: str = "-", target: str = "kopbal.wsgi:application"
) -> list[str]:
    """The granian command line for a WSGI application (kopbal's unless told)."""
    host, port = bind.rsplit(":", 1)
    args = [sys.executable, "-m", "granian", *GRANIAN_OPTIONS, "--workers", str(workers)]
    args += ["--host", host, "--port", port]
    if access_log != "/dev/null":
        args.append("--access-log")
    return [*args, target]


def main() -> int:
    bind = os.environ.get("KOPBAL_BIND", "127.0.0.1:8000")
    workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
    scheduler = None
    if os.environ.get("KOPBAL_SCHEDULER", "1") != "0":
        manage = str(ROOT / "manage.py")
        scheduler = subprocess.Popen([sys.executable, manage, "run_scheduler"])  # noqa: S603
    server = subprocess.Popen(  # noqa: S603 - our own command line
        command(bind, workers, os.environ.get("KOPBAL_ACCESS_LOG", "-")), cwd=ROOT
    )

    def stop(signum, frame):
        server.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        code = server.wait()
    finally:
        if scheduler is not None and scheduler.poll() is None:
            scheduler.terminate()
            scheduler.wait(timeout=10)
    return code


if __name__ == "__main__":
    sys.exit(main())
