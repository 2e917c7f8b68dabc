"""Counting article views: the beacon under granian, next to nginx serving a static file.

    .venv/bin/python bench/views.py [--seconds 8] [--connections 16]

Builds a fresh demo site in a temp dir and hammers the view beacon of the seed article
(`GET /stats/v/<id>/`, the <noscript> pixel; the JS beacon is the same view as a POST) with
wrk, first in the embedded default (in-process buffer, SQLite), then in the scale profile
(Redis counter). The baseline is nginx serving the same 43-byte GIF as a static file, in
the same run, and the same Django view for a page id it never counts (the request path
alone). After each run the views are flushed and compared with the requests wrk
made, and the database statements the counting cost are counted from the flush log.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import HEADER, ROOT, Result, _ms, app_server, demo_site, nginx_static  # noqa: E402

from kopbal.core.localservers import redis_server  # noqa: E402

ARTICLE = "steven-defour-sluit-deze-opvallende-overgang-nu-al-uit"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36 bench"
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


def wrk(name: str, url: str, connections: int, seconds: int) -> tuple[Result, int]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"User-Agent: {UA}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Result(name, rps, p50, p99, int(non2xx.group(1)) if non2xx else 0), total


def manage(env: dict, *args: str) -> str:
    """The command's output (for `shell -c`: the last line it printed)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def counted(env: dict, page_id: int) -> int:
    code = (
        "from django.db.models import Sum; from kopbal.stats.models import DailyViews; "
        f"print(DailyViews.objects.filter(page_id={page_id}).aggregate(n=Sum('views'))['n'] or 0)"
    )
    return int(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def page_id(env: dict) -> int:
    code = (
        f"from kopbal.news.models import ArticlePage; "
        f"print(ArticlePage.objects.get(slug='{ARTICLE}').pk)"
    )
    return int(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def statements(log: Path) -> tuple[int, int]:
    flushes = re.findall(
        r"Weergaven weggeschreven: (\d+) weergaven, (\d+) statements", log.read_text()
    )
    return len(flushes), sum(int(s) for _, s in flushes)


def run(label: str, env: dict, pid: int, args, baseline: Result, tmp: Path) -> list[str]:
    log = tmp / f"{label}.log"
    before = counted(env, pid)
    with app_server(env, workers=args.workers, log=log) as app:
        # The same view for a page id that is never counted: Django's request path alone.
        noop, _ = wrk(
            f"  same view, nothing counted, {label}",
            f"{app}/stats/v/0/",
            args.connections,
            args.seconds,
        )
        result, total = wrk(
            f"beacon, {label}", f"{app}/stats/v/{pid}/", args.connections, args.seconds
        )
    # The app server stopped: each worker flushed its buffer on exit; Redis is flushed here.
    manage(env, "flush_views")
    views = counted(env, pid) - before
    flushes, writes = statements(log)
    return [
        noop.row(baseline),
        result.row(baseline),
        f"    counting costs {1 - result.rps / noop.rps:.0%} of the bare view's throughput",
        f"    {total:,} requests, {views:,} views counted, {flushes} flushes from the app "
        f"workers, {writes} write statements there ({writes / max(total, 1) * 1000:.2f} per "
        "1,000 views)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    knobs = {
        "KOPBAL_VIEWS_PER_IP_PER_MINUTE": str(10**9),  # wrk is one address
        "LOG_LEVEL": "DEBUG",
    }
    tmp = Path(tempfile.mkdtemp(prefix="kopbal-bench-views-"))
    lines = []
    with demo_site(knobs) as env, nginx_static({"pixel.gif": PIXEL}) as static:
        pid = page_id(env)
        baseline, _ = wrk(
            "nginx static 1x1 GIF", f"{static}/pixel.gif", args.connections, args.seconds
        )
        lines.append(baseline.row(None))
        lines += run("embedded (process buffer, SQLite)", env, pid, args, baseline, tmp)
        with redis_server() as redis_url:
            env_redis = {**env, "REDIS_URL": redis_url}
            lines += run("scale (Redis counter, SQLite)", env_redis, pid, args, baseline, tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"\n{args.connections} connections, {args.seconds} s each, granian {args.workers} workers"
    )
    print(HEADER)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
