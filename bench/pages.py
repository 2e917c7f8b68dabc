"""Article and home page under the app server, next to nginx serving the same HTML as a file
and next to a bare Wagtail page (bench/bare_wagtail) with the same headline and body.

    .venv/bin/python bench/pages.py [--seconds 8] [--connections 16,64] [--workers 2]

Builds a fresh demo site (the seed, 5,766 comments; SQLite) in a temp dir, serves it as
`make run` does (granian, 2 workers) and loads it with wrk from Debian. Rows:
- page cache: what anonymous readers get (hits answered before Django);
- rendered, kept parts: the page cache off; the article body, its SEO head, the comment
  section and `Meest recent` kept rendered between renders (as on a running site);
- rendered, nothing kept: every part rendered on every request;
- bare Wagtail: Wagtail's own serving of a one-model page with Django's defaults, then
  with connections kept open as kopbal keeps them, then with Django's per-site cache.
Every row prints its ratio to nginx serving the same page as a static file in this run;
the summary prints kopbal's rendered article against the bare Wagtail page.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (  # noqa: E402
    HEADER,
    app_server,
    article_parts,
    bare_wagtail,
    demo_site,
    fetch,
    nginx_static,
    wrk,
)

ARTICLE = "/belgisch-voetbal/steven-defour-sluit-deze-opvallende-overgang-nu-al-uit/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    concurrency = [int(c) for c in args.connections.split(",")]
    uncached = {"KOPBAL_PAGE_CACHE_SECONDS": "0"}

    with (
        demo_site() as env,
        app_server(env, workers=args.workers) as app,
        app_server({**env, **uncached}, workers=args.workers) as kept,
        app_server({**env, **uncached, "KOPBAL_FRAGMENT_CACHE": "0"}, args.workers) as bare_render,
    ):
        pages = {"article.html": fetch(app + ARTICLE), "home.html": fetch(app + "/")}
        title, body = article_parts(pages["article.html"])
        with (
            nginx_static(pages, workers=args.workers) as static,
            bare_wagtail(title, body, workers=args.workers) as bare,
            bare_wagtail(title, body, workers=args.workers, conn_max_age=60) as bare_kept_conn,
            bare_wagtail(title, body, site_cache=True, workers=args.workers) as bare_cached,
        ):
            fetch(bare)
            fetch(bare_kept_conn)
            bare_size = len(fetch(bare_cached))
            rows = []
            for connections in concurrency:
                for name, path, file in (
                    ("article", ARTICLE, "article.html"),
                    ("home", "/", "home.html"),
                ):

                    def run(label: str, url: str, c: int = connections):
                        return wrk(label, url, c, args.seconds)

                    size = len(pages[file])
                    base = run(f"{name}: nginx static ({size:,} B)", f"{static}/{file}")
                    results = [
                        run(f"{name}: page cache", app + path),
                        run(f"{name}: rendered, kept parts", kept + path),
                        run(f"{name}: rendered, nothing kept", bare_render + path),
                    ]
                    if name == "article":
                        results += [
                            run(f"bare Wagtail page ({bare_size:,} B)", bare),
                            run("bare Wagtail, connections kept open", bare_kept_conn),
                            run("bare Wagtail, per-site cache", bare_cached),
                        ]
                    rows.append((connections, base, results))

    print(f"\nSQLite, granian {args.workers} workers, {args.seconds} s per row")
    for connections, base, results in rows:
        print(f"\n{connections} connections")
        print(HEADER)
        print(base.row(None))
        for result in results:
            print(result.row(base))
        by_name = {r.name.split(" (")[0]: r for r in results}
        if "bare Wagtail page" in by_name:
            for baseline in ("bare Wagtail page", "bare Wagtail, connections kept open"):
                bare_rps = by_name[baseline].rps
                for label in ("article: rendered, kept parts", "article: rendered, nothing kept"):
                    print(f"  {label} / {baseline}: {by_name[label].rps / bare_rps:.2f}x")


if __name__ == "__main__":
    main()
