"""SQL queries per page for the seed's 1279-comment story, on PostgreSQL.

    python bench/comments_queries.py         (starts a throwaway PostgreSQL itself)

Loads the demo (the seed imported, each article topped up to the comment count the seed
shows, the busiest one turned into threads with likes and a featured comment), then counts
the queries of every page a reader of that story can ask for: the article in each order
(anonymous, as the page cache renders it; and for a logged-in reader, from the cache and
rendered), every `meer reacties` page to the end (as the script asks for them), the
longest thread, a profile and the reader's state.
Query counts do not depend on the machine, so unlike the timing benches they need no
baseline; the budgets are the ones the tests assert (kopbal/comments/tests/test_reading.py,
kopbal/news/tests/test_pages.py). Exits 1 when a budget is broken.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_BUDGET = 15  # house rule for the article page, whatever the data size
MORE_BUDGET = 4  # each `meer reacties` page: the article (2), top-level page, replies


def reexec_under_postgres() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    script = ROOT / "scripts" / "with-pg.sh"
    os.execv(str(script), [str(script), sys.executable, *sys.argv])  # noqa: S606


def setup(env: dict):
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *args, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from kopbal.news.demo.loader import load_demo
    from kopbal.news.models import ArticlePage
    from kopbal.news.setup import ensure_site_structure

    ensure_site_structure()
    load_demo(out=lambda message: None)
    return ArticlePage.objects.get(title__contains="Mannaert naar Anderlecht")


def main() -> int:
    reexec_under_postgres()
    var = Path(tempfile.mkdtemp(prefix="kopbal-bench-queries-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kopbal.settings.dev",
        "KOPBAL_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "LOG_LEVEL": "WARNING",
        "KOPBAL_SCHEDULER": "0",
        "ALLOWED_HOSTS": "testserver,localhost",
    }
    try:
        article = setup(env)
        return count(article)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def count(article) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kopbal.comments.models import Comment
    from kopbal.core import pagecache
    from kopbal.users.models import User

    def clear_caches() -> None:
        cache.clear()
        pagecache.forget_local()  # the in-process copies of pages and fragments

    def queries(client, url, **extra) -> tuple[int, str, dict]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, **extra)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return len(ctx.captured_queries), response.content.decode(), response

    visible = Comment.objects.visible().filter(page=article).count()
    threads = Comment.objects.visible().filter(page=article, parent__isnull=True).count()
    print(f"{article.title}: {visible} zichtbare reacties, {threads} draden (PostgreSQL)\n")
    anonymous = Client()
    broken = []
    clear_caches()
    cold, _html, _r = queries(anonymous, article.url)
    print(f"{'pagina (anoniem tenzij anders vermeld)':<52} {'queries':>7}")
    print(f"{'artikel, alle caches leeg (eerste na een herstart)':<52} {cold:>7}")
    for order in ("nieuw", "oud", "populair"):
        clear_caches()
        anonymous.get("/")  # navigation and site settings cached, as on a running site
        # First render: every fragment (comment section, lists) rendered; then from the
        # fragment cache, as for every reader until a comment or the article changes.
        for state in ("fragmenten gerenderd", "fragmenten uit de cache"):
            n, html, _r = queries(anonymous, article.url, data={"volgorde": order})
            print(f"{f'artikel, {order}, {state}':<52} {n:>7}")
            if n > ARTICLE_BUDGET:
                broken.append(f"artikel {order} ({state}): {n}")
        costs = []
        more = re.search(r'href="([^"]+)" data-more', html)
        url = more.group(1).replace("&amp;", "&") if more else None
        while url:
            # As the script asks for them; the page cache is bypassed here (test client).
            m, _body, response = queries(anonymous, url + "&deel=1")
            costs.append(m)
            url = response.json()["next_url"]
        if costs:
            label = f"  meer reacties ({len(costs)} pagina's), per pagina"
            spread = f"{min(costs)}-{max(costs)}" if min(costs) != max(costs) else str(costs[0])
            print(f"{label:<52} {spread:>7}")
            broken += [f"meer reacties {order}: {c}" for c in costs if c > MORE_BUDGET]

    reader = User.objects.filter(is_demo=True).first()
    logged_in = Client()
    logged_in.force_login(reader)
    clear_caches()
    anonymous.get(article.url)  # the shared page in the page cache
    n, _html, response = queries(logged_in, article.url)
    how = response.get("X-Kopbal-Cache", "gerenderd")
    print(f"{f'artikel, ingelogde lezer ({how})':<52} {n:>7}")
    clear_caches()
    anonymous.get("/")  # navigation cached, article page not
    n, _html, response = queries(logged_in, article.url)
    how = response.get("X-Kopbal-Cache", "gerenderd")
    print(f"{f'artikel, ingelogde lezer, pagina niet in cache ({how})':<52} {n:>7}")
    if n > ARTICLE_BUDGET:
        broken.append(f"artikel ingelogd: {n}")

    biggest = (
        Comment.objects.visible().filter(page=article, parent__isnull=True).order_by("-pk").first()
    )
    from django.db.models import Count

    busiest = (
        Comment.objects.filter(page=article, root__isnull=False)
        .values("root")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    root_id = busiest["root"] if busiest else biggest.pk
    size = busiest["n"] if busiest else 0
    n, _html, _r = queries(anonymous, f"/reacties/{root_id}/")
    print(f"{f'langste draad ({size} antwoorden)':<52} {n:>7}")
    n, _html, _r = queries(anonymous, f"/lezers/{reader.pk}/")
    print(f"{f'profiel van {reader.public_name}':<52} {n:>7}")
    n, _html, _r = queries(logged_in, "/reacties/status/", data={"artikel": article.pk})
    print(f"{'status (ingelogd: eigen reacties, likes)':<52} {n:>7}")

    if broken:
        print("\nBudget overschreden: " + ", ".join(broken))
        return 1
    print(f"\nBinnen budget: artikel <= {ARTICLE_BUDGET}, meer reacties <= {MORE_BUDGET}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
