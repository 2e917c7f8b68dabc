"""The scale profile under load: article and home page, cached and uncached, from granian
alone and through the deploy/ nginx, next to nginx serving the same HTML as a static file.

    scripts/with-pg.sh .venv/bin/python bench/scale.py [--seconds 8] [--workers 2]

PostgreSQL comes from with-pg.sh (DATABASE_URL); Redis is started here. Every row prints
its ratio to the static file of the same page at the same concurrency, in the same run.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import HEADER, demo_site, fetch, wrk  # noqa: E402

from kopbal.core.localservers import (  # noqa: E402
    app_server,
    nginx_deploy,
    nginx_static,
    redis_server,
)

ARTICLE = "/belgisch-voetbal/steven-defour-sluit-deze-opvallende-overgang-nu-al-uit/"
PAGES = (("article", ARTICLE), ("home", "/"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", default="16,64")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run under scripts/with-pg.sh: this bench needs PostgreSQL.")
    concurrency = [int(c) for c in args.connections.split(",")]

    with redis_server() as redis_url, demo_site({"REDIS_URL": redis_url}) as env:
        static_root = Path(env["KOPBAL_VAR_DIR"]) / "static"
        uncached_env = {**env, "KOPBAL_PAGE_CACHE_SECONDS": "0"}
        with (
            app_server(env, workers=args.workers) as cached,
            app_server(uncached_env, workers=args.workers) as uncached,
            nginx_deploy(cached, static_root, "bench", workers=args.workers) as front,
        ):
            files = {f"{name}.html": fetch(cached + path) for name, path in PAGES}
            with nginx_static(files, workers=args.workers) as static:
                rows = []
                for connections in concurrency:
                    for name, path in PAGES:
                        size = len(files[f"{name}.html"])
                        base = wrk(
                            f"{name} nginx static ({size:,} B)",
                            f"{static}/{name}.html",
                            connections,
                            args.seconds,
                        )
                        fetch(cached + path)  # warm
                        fetch(front + path)
                        rows.append(
                            (
                                connections,
                                base,
                                [
                                    wrk(
                                        f"{name} granian, page cache",
                                        cached + path,
                                        connections,
                                        args.seconds,
                                    ),
                                    wrk(
                                        f"{name} through deploy/ nginx",
                                        front + path,
                                        connections,
                                        args.seconds,
                                    ),
                                    wrk(
                                        f"{name} granian, uncached",
                                        uncached + path,
                                        connections,
                                        args.seconds,
                                    ),
                                ],
                            )
                        )
    print(
        f"\nscale profile: PostgreSQL + Redis, granian {args.workers} workers, "
        f"nginx {args.workers} workers, {args.seconds} s per row"
    )
    for connections, base, results in rows:
        print(f"\n{connections} connections")
        print(HEADER)
        print(base.row(None))
        for result in results:
            print(result.row(base))


if __name__ == "__main__":
    main()
