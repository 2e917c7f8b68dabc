#!/usr/bin/env python3
# ruff: noqa: T201, S603, S607 - a command-line tool that prints and runs local programs
"""`make audit`: Lighthouse (npm, in Debian's chromium) on a running demo site.

Builds a throwaway demo site (SQLite in a temporary directory, the seed demo loaded,
static files collected), serves it with the app server on a free local port, runs Lighthouse's
accessibility, SEO and best-practices audits on the home, article, section and search
pages, prints the scores and the audits that cost points, and exits non-zero when a
score is under the threshold (default 0.95).

    python scripts/audit.py [--threshold 0.95] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LIGHTHOUSE = ROOT / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "seo", "best-practices")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --no-first-run"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PY, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the demo site did not answer on {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--keep", action="store_true", help="keep the Lighthouse reports")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci --prefix node` first")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"

    work = Path(tempfile.mkdtemp(prefix="kopbal-audit-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(work / "var"),
        "DEBUG": "",
        "KOPBAL_SEARCH_PER_MINUTE": "1000",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    server = None
    try:
        print(f"Demo site in {work} ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        # Canonical URLs come from the Wagtail Site: make it the address we serve on.
        manage(
            env,
            "shell",
            "-c",
            (
                "from wagtail.models import Site; "
                "Site.objects.filter(is_default_site=True)"
                f".update(hostname='127.0.0.1', port={port})"
            ),
        )
        pages = json.loads(
            manage(
                env,
                "shell",
                "-c",
                (
                    "import json; from kopbal.news.models import ArticlePage, SectionPage; "
                    "a = ArticlePage.objects.published().order_by('-first_published_at').first(); "
                    "s = SectionPage.objects.live().order_by('path').first(); "
                    "print(json.dumps({'home': '/', 'article': a.url, 'section': s.url, "
                    "'search': '/zoeken/?q=anderlecht'}))"
                ),
            )
            .strip()
            .splitlines()[-1]
        )
        server = subprocess.Popen(  # noqa: S603
            [PY, "-m", "kopbal.serve"],
            env={
                **env,
                "KOPBAL_BIND": f"127.0.0.1:{port}",
                "WEB_CONCURRENCY": "2",
                "KOPBAL_SCHEDULER": "0",
                "KOPBAL_ACCESS_LOG": "/dev/null",
            },
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")

        scores: dict[str, dict[str, float]] = {}
        failures = []
        for name, path in pages.items():
            report = work / f"{name}.json"
            subprocess.run(  # noqa: S603
                [
                    str(LIGHTHOUSE),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--max-wait-for-load=30000",
                ],
                env={**env, "CHROME_PATH": chromium},
                check=True,
                timeout=180,
            )
            data = json.loads(report.read_text())
            scores[name] = {c: data["categories"][c]["score"] for c in CATEGORIES}
            for category in CATEGORIES:
                for ref in data["categories"][category]["auditRefs"]:
                    audit = data["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        failures.append(f"{name}: {category}: {audit['id']}: {audit['title']}")
            if args.keep:
                (ROOT / "var").mkdir(exist_ok=True)
                shutil.copy(report, ROOT / "var" / f"lighthouse-{name}.json")

        print(f"\nLighthouse on {base} (chromium {chromium})")
        print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, row in scores.items():
            print(f"{name:<10}" + "".join(f"{row[c]:>16.2f}" for c in CATEGORIES))
        if failures:
            print("\nAudits that cost points:")
            print("\n".join(f"  {line}" for line in failures))
        low = [(n, c, s) for n, row in scores.items() for c, s in row.items() if s < args.threshold]
        if low:
            print(f"\nUnder {args.threshold}: " + ", ".join(f"{n} {c} {s:.2f}" for n, c, s in low))
            return 1
        print(f"\nEvery score is at least {args.threshold}.")
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
