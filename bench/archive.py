"""A large archive on PostgreSQL: 100,000 articles and 5 million comments, then the
article page with 1,279 comments and the home page under load, uncached and cached.

    scripts/with-pg.sh .venv/bin/python bench/archive.py [--articles 100000]
        [--comments 5000000] [--seconds 8]

Articles come from bench/search.py's generator (paths written straight into the tree);
comments are written by PostgreSQL itself (INSERT ... SELECT generate_series). Rows are
printed as ratios to nginx serving the same HTML as a static file, in the same run, with
the number of SQL queries each page costs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import HEADER, fetch, wrk  # noqa: E402
from search import generate, setup_django  # noqa: E402

HOT_COMMENTS = 1279


def comments_sql(total: int, hot_page: int) -> tuple[str, list]:
    """One INSERT ... SELECT that writes `total` visible comments, 1,279 on the hot page."""
    from django.db import connection

    from kopbal.comments.models import Comment

    expressions, params = [], []
    columns = []
    for field in Comment._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.name == "page":
            expressions.append("CASE WHEN g <= %s THEN %s ELSE p.id END")
            params += [HOT_COMMENTS, hot_page]
        elif field.name == "author":
            expressions.append("r.id")
        elif field.name == "body":
            expressions.append("'Reactie nummer ' || g || ': dit is een mening over de match.'")
        elif field.name == "created_at":
            expressions.append("now() - (g || ' seconds')::interval")
        elif field.name == "status":
            expressions.append("'visible'")
        else:  # the model's default: "" for text, None where null is allowed
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection=connection))
    # Column names come from our own model; values are parameters.
    # Pages and readers are numbered and joined (hash joins): indexing a 100,000-element
    # array per row copied the array each time and took hours.
    sql = (
        "WITH pages AS (SELECT page_ptr_id AS id, "  # noqa: S608
        "row_number() OVER (ORDER BY page_ptr_id) - 1 AS n FROM news_articlepage), "
        "readers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users_user), "
        "counts AS (SELECT (SELECT count(*) FROM pages) AS pages, "
        "(SELECT count(*) FROM readers) AS readers) "
        f"INSERT INTO comments_comment ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM generate_series(1, %s) AS g "
        "CROSS JOIN counts JOIN pages p ON p.n = g %% counts.pages "
        "JOIN readers r ON r.n = g %% counts.readers"
    )
    return sql, [*params, total]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=5_000_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run under scripts/with-pg.sh: this bench needs PostgreSQL.")

    with tempfile.TemporaryDirectory(prefix="kopbal-bench-archive-") as tmp:
        setup_django(Path(tmp))
        started = time.monotonic()
        generate(args.articles)

        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from kopbal.core.localservers import app_server, nginx_static
        from kopbal.news.models import ArticlePage

        User = get_user_model()
        User.objects.bulk_create(
            User(username=f"lezer{n}", display_name=f"Lezer {n}") for n in range(2000)
        )
        hot = ArticlePage.objects.published().order_by("-first_published_at").first()
        sql, params = comments_sql(args.comments, hot.pk)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.execute("ANALYZE")
        print(
            f"archive: {args.articles:,} articles, {args.comments:,} comments in "
            f"{time.monotonic() - started:.0f} s",
            flush=True,
        )

        from kopbal.stats.ranking import compute_lists

        started = time.monotonic()
        compute_lists()
        print(
            f"`Meest gelezen`/`Meest besproken` computed in {time.monotonic() - started:.2f} s"
            " (once per TTL, outside page renders)",
            flush=True,
        )

        client = Client(HTTP_HOST="localhost")
        queries = {}
        for name, url in (("article", hot.url), ("home", "/")):
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            queries[name] = len(ctx.captured_queries)
        connection.close()

        env = {
            "KOPBAL_VAR_DIR": tmp,
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "KOPBAL_SEARCH_PER_MINUTE": "100000000",
        }
        pages = (("article", hot.url), ("home", "/"))
        with (
            app_server(env) as cached,
            app_server({**env, "KOPBAL_PAGE_CACHE_SECONDS": "0"}) as uncached,
        ):
            files = {f"{name}.html": fetch(cached + url) for name, url in pages}
            # A running site's workers have their lists and kept parts: warm every worker
            # (each has its own local-memory cache) before measuring.
            for server in (cached, uncached):
                for _, url in pages:
                    wrk("warm-up", server + url, args.connections, 5)
            with nginx_static(files) as static:
                rows = []
                for name, url in pages:
                    base = wrk(
                        f"{name} nginx static",
                        f"{static}/{name}.html",
                        args.connections,
                        args.seconds,
                    )
                    rows.append(
                        (
                            name,
                            base,
                            [
                                wrk(
                                    f"{name} uncached ({queries[name]} queries)",
                                    uncached + url,
                                    args.connections,
                                    args.seconds,
                                ),
                                wrk(
                                    f"{name} page cache",
                                    cached + url,
                                    args.connections,
                                    args.seconds,
                                ),
                            ],
                        )
                    )
    print(
        f"\n{args.connections} connections, granian 2 workers, {args.seconds} s per row;"
        f" the article has {HOT_COMMENTS:,} comments"
    )
    print(HEADER)
    for _, base, results in rows:
        print(base.row(None))
        for result in results:
            print(result.row(base))


if __name__ == "__main__":
    main()
