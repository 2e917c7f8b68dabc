"""Live blogs: how cheap the readers' poll is, and how fast an editor's entry goes in.

    .venv/bin/python bench/liveblogs.py [--seconds 8] [--connections 64]

Builds a fresh demo site (with its deadline-day live blog) in a temp dir, serves it with the
production server (granian, 2 workers, as `make run`) and measures with wrk:

- nginx serving the poll's JSON as a static file (the baseline),
- the poll as every open page asks it (the page cache answers, 200),
- the same poll revalidated with the ETag a browser holds (304: what open pages get while
  nothing changes),
- the live blog page itself.

Then, in one process on the same database, posting an entry (one INSERT) against publishing
a revision of the blog page (what each entry would cost if entries were a StreamField).
"""

import argparse
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (  # noqa: E402
    HEADER,
    PYTHON,
    ROOT,
    Result,
    _ms,
    app_server,
    demo_site,
    fetch,
    nginx_static,
    wrk,
)

BLOG = "/transfers/deadline-day-live/"

WRITE_BENCH = """
import time, django
django.setup()
from kopbal.liveblogs.actions import EntryData, do_post_entry
from kopbal.liveblogs.models import LiveBlogPage
blog = LiveBlogPage.objects.get(slug="deadline-day-live")
def per_op(fn, n):
    fn()
    start = time.perf_counter()
    for i in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1000
entry = per_op(lambda: do_post_entry(blog, EntryData(body="<p>Nieuw: Praet tekent.</p>"),
                                     author=None), 200)
revision = per_op(lambda: blog.save_revision().publish(), 30)
print(f"{entry:.3f} {revision:.3f}")
"""


def wrk_with_header(name: str, url: str, header: str, connections: int, seconds: int) -> Result:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", header, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(int(n) for n in sock.groups()) if sock else 0
    return Result(name, rps, p50, p99, errors)


def etag_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.headers["ETag"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with demo_site() as env:
        with app_server(env, workers=args.workers) as app:
            page = fetch(app + BLOG)
            blog_id = re.search(rb'data-liveblog="(\d+)"', page).group(1).decode()
            poll = f"/liveblog/{blog_id}/updates/"
            body = fetch(app + poll)
            state = json.loads(body)
            fetch(app + poll)  # stored by the first request, a hit from now on
            etag = etag_of(app + poll)
            with nginx_static({"updates.json": body, "blog.html": page}) as static:
                base = wrk(
                    f"nginx static poll ({len(body):,} B)",
                    f"{static}/updates.json",
                    args.connections,
                    args.seconds,
                )
                rows = [
                    base,
                    wrk(
                        "granian poll (page cache, 200)",
                        app + poll,
                        args.connections,
                        args.seconds,
                    ),
                    wrk_with_header(
                        "granian poll (If-None-Match, 304)",
                        app + poll,
                        f"If-None-Match: {etag}",
                        args.connections,
                        args.seconds,
                    ),
                ]
                page_base = wrk(
                    f"nginx static blog page ({len(page):,} B)",
                    f"{static}/blog.html",
                    args.connections,
                    args.seconds,
                )
                page_row = wrk(
                    "granian blog page (page cache)", app + BLOG, args.connections, args.seconds
                )
        write = subprocess.run(
            [PYTHON, "-c", WRITE_BENCH],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    entry_ms, revision_ms = float(write[-2]), float(write[-1])

    print(
        f"\n{args.connections} connections, {args.seconds} s each, "
        f"granian {args.workers} workers; poll holds {len(state['entries'])} entries"
    )
    print(HEADER)
    print(rows[0].row(None))
    for row in rows[1:]:
        print(row.row(base))
    print(page_base.row(None))
    print(page_row.row(page_base))
    print(
        f"\nposting an entry: {entry_ms:.2f} ms; publishing a page revision: "
        f"{revision_ms:.2f} ms; entry / revision = {entry_ms / revision_ms:.1%}"
    )


if __name__ == "__main__":
    main()
