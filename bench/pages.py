"""Article and home page under granian, next to nginx serving the same HTML as a file.

    .venv/bin/python bench/pages.py [--seconds 8] [--connections 16]

Builds a fresh demo site (the seed, 5,766 comments) in a temp dir, serves it with the
production server (granian, 2 workers, as `make run`), and loads it with wrk from Debian.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import HEADER, app_server, demo_site, fetch, nginx_static, wrk  # noqa: E402

ARTICLE = "/belgisch-voetbal/steven-defour-sluit-deze-opvallende-overgang-nu-al-uit/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with (
        demo_site() as env,
        app_server(env, workers=args.workers) as app,
        app_server({**env, "KOPBAL_PAGE_CACHE_SECONDS": "0"}, workers=args.workers) as uncached,
    ):
        pages = {"article.html": fetch(app + ARTICLE), "home.html": fetch(app + "/")}
        with nginx_static(pages) as static:
            results = []
            for name, path, file in (
                ("article", ARTICLE, "article.html"),
                ("home", "/", "home.html"),
            ):
                base = wrk(
                    f"nginx static {name} ({len(pages[file]):,} B)",
                    f"{static}/{file}",
                    args.connections,
                    args.seconds,
                )
                results.append(
                    (
                        base,
                        [
                            wrk(
                                f"granian {name}, page cache",
                                app + path,
                                args.connections,
                                args.seconds,
                            ),
                            wrk(
                                f"granian {name}, uncached",
                                uncached + path,
                                args.connections,
                                args.seconds,
                            ),
                        ],
                    )
                )
    print(
        f"\n{args.connections} connections, {args.seconds} s each, granian {args.workers} workers"
    )
    print(HEADER)
    for base, app_results in results:
        print(base.row(None))
        for app_result in app_results:
            print(app_result.row(base))


if __name__ == "__main__":
    main()
