"""Search over an archive of 100,000 generated articles: p50 and p99, as ratios.

    .venv/bin/python bench/search.py [--articles 100000] [--queries 300]
    scripts/with-pg.sh .venv/bin/python bench/search.py      # the same on PostgreSQL

Builds a fresh database (SQLite in a temp dir, or the DATABASE_URL one), generates the
articles with seeded Dutch football text (headline, lead, three body paragraphs), indexes
them through kopbal's search backend, then times in the same run:

* baseline: a primary-key lookup of a random article (`ArticlePage.objects.get(pk=…)`);
* search: the first page of results for a reader's query, as the results page runs it
  (published articles, relevance × freshness, comment counts, the count for pagination);
* the whole `/zoeken/` view (form, search, excerpts with <mark>, template) in-process.

Queries mix common words (`transfer`: thousands of hits), names (a few hundred), rare
words, two-word queries, a quoted phrase, and section and date filters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLUBS = [
    "Anderlecht",
    "Club Brugge",
    "Genk",
    "Standard",
    "Antwerp",
    "Gent",
    "Mechelen",
    "Union",
    "Cercle Brugge",
    "Westerlo",
    "Charleroi",
    "OH Leuven",
    "STVV",
    "Dender",
    "Zulte Waregem",
    "La Louvière",
    "Ajax",
    "PSV",
    "Feyenoord",
    "Lille",
]
PLAYERS = [
    "Lukaku",
    "Vanaken",
    "Tielemans",
    "Openda",
    "Doku",
    "Trossard",
    "De Bruyne",
    "Onana",
    "Lavia",
    "Mangala",
    "Castagne",
    "Theate",
    "Debast",
    "Vertonghen",
    "Hazard",
    "Witsel",
    "Carrasco",
    "Batshuayi",
    "Mertens",
    "Vázquez",
    "Modrić",
    "Defour",
    "Vrancken",
    "Buijs",
    "Still",
    "Hein",
    "Verheyen",
    "Dewaest",
]
NOUNS = [
    "transfer",
    "transfers",
    "wedstrijd",
    "doelpunt",
    "blessure",
    "contract",
    "trainer",
    "coach",
    "spelers",
    "supporters",
    "derby",
    "beker",
    "titel",
    "penalty",
    "rode kaart",
    "scheidsrechter",
    "VAR",
    "stadion",
    "jeugdspeler",
    "aanvaller",
    "verdediger",
    "middenvelder",
    "doelman",
    "clash",
    "zege",
    "nederlaag",
    "gelijkspel",
    "play-offs",
    "competitie",
    "klassement",
    "bestuur",
    "transfermarkt",
    "huurdeal",
    "clausule",
]
VERBS = [
    "wint",
    "verliest",
    "haalt",
    "verkoopt",
    "verlengt",
    "ontslaat",
    "scoort",
    "twijfelt",
    "kiest",
    "verrast",
    "bevestigt",
    "ontkent",
    "getransfereerd",
    "speelt",
]
FILLER = [
    "de",
    "het",
    "een",
    "met",
    "voor",
    "na",
    "bij",
    "tegen",
    "en",
    "maar",
    "ook",
    "vandaag",
    "gisteren",
    "opnieuw",
    "eindelijk",
    "zondag",
    "zaterdag",
    "al",
    "nog",
]
RARE = ["penaltyreeks", "huurclausule", "fietspaden", "scheenbeschermer", "kunstgras"]


def sentence(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        pick = rng.random()
        if pick < 0.12:
            out.append(rng.choice(CLUBS))
        elif pick < 0.22:
            out.append(rng.choice(PLAYERS))
        elif pick < 0.45:
            out.append(rng.choice(NOUNS))
        elif pick < 0.55:
            out.append(rng.choice(VERBS))
        elif pick < 0.5502:
            out.append(rng.choice(RARE))
        else:
            out.append(rng.choice(FILLER))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def setup_django(tmp: Path) -> str:
    os.environ["DJANGO_SETTINGS_MODULE"] = "kopbal.settings.dev"
    os.environ["KOPBAL_VAR_DIR"] = str(tmp)
    os.environ["KOPBAL_SEARCH_PER_MINUTE"] = "100000000"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest the pages use
    return connection.vendor


def generate(n: int, seed: int = 6) -> None:
    """Pages straight into the tree (paths computed, not added one by one), then indexed."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from kopbal.news.models import ArticlePage, SectionPage
    from kopbal.news.setup import ensure_site_structure

    ensure_site_structure()
    rng = random.Random(seed)
    sections = list(SectionPage.objects.order_by("path"))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    fields = list(ArticlePage._meta.local_concrete_fields)
    per_section = (n + len(sections) - 1) // len(sections)
    alphabet = Page.alphabet
    made = 0
    started = time.monotonic()
    for section in sections:
        count = min(per_section, n - made)
        batch_pages, batch_articles = [], []
        for i in range(count):
            number, step = i + 1, ""
            for _ in range(Page.steplen):
                number, digit = divmod(number, len(alphabet))
                step = alphabet[digit] + step
            title = sentence(rng, rng.randint(6, 11))[:-1]
            slug = f"artikel-{made + i}"
            published = now - timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
            page = Page(
                path=section.path + step,
                depth=section.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{section.url_path}{slug}/",
                content_type=content_type,
                live=True,
                first_published_at=published,
                last_published_at=published,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
            batch_pages.append(page)
            body = [
                {
                    "type": "paragraph",
                    "value": f"<p>{sentence(rng, rng.randint(25, 45))}</p>",
                    "id": str(uuid.uuid4()),
                }
                for _ in range(3)
            ]
            batch_articles.append((sentence(rng, rng.randint(18, 30)), json.dumps(body)))
            if len(batch_pages) == 2000 or i == count - 1:
                with transaction.atomic():
                    Page.objects.bulk_create(batch_pages)
                    articles = []
                    for page, (lead, body_json) in zip(batch_pages, batch_articles, strict=True):
                        article = ArticlePage(page_ptr_id=page.pk, lead=lead)
                        article.__dict__.update(page.__dict__)
                        article.body = body_json
                        articles.append(article)
                    ArticlePage.objects.all()._batched_insert(articles, fields, 500)
                batch_pages, batch_articles = [], []
        Page.objects.filter(pk=section.pk).update(numchild=count)
        made += count
    print(f"generated {made:,} articles in {time.monotonic() - started:.0f} s", flush=True)


def index() -> None:
    from wagtail.search.backends import get_search_backend

    from kopbal.news.models import ArticlePage

    backend = get_search_backend()
    started = time.monotonic()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        chunk = ArticlePage.objects.filter(pk__in=ids[start : start + 1000])
        backend.add_bulk(ArticlePage, list(chunk))
    print(f"indexed {len(ids):,} articles in {time.monotonic() - started:.0f} s", flush=True)


def queries(rng: random.Random, count: int) -> list[dict]:
    from kopbal.news.models import SectionPage

    sections = list(SectionPage.objects.values_list("slug", flat=True))
    out = []
    for i in range(count):
        kind = i % 8
        if kind == 0:
            q = rng.choice(["transfer", "blessure", "coach", "derby", "doelpunt"])
        elif kind == 1:
            q = rng.choice(PLAYERS)
        elif kind == 2:
            q = rng.choice(RARE)
        elif kind == 3:
            q = f"{rng.choice(PLAYERS)} {rng.choice(NOUNS)}"
        elif kind == 4:
            q = f"{rng.choice(CLUBS)} {rng.choice(VERBS)}"
        elif kind == 5:
            q = f'"{rng.choice(CLUBS)}"'
        elif kind == 6:
            q = rng.choice(NOUNS)
            out.append({"q": q, "rubriek": rng.choice(sections)})
            continue
        else:
            q = rng.choice(PLAYERS)
            out.append({"q": q, "van": "2024-01-01", "sorteer": "datum"})
            continue
        out.append({"q": q})
    return out


def timed(fn, runs) -> list[float]:
    times = []
    for arg in runs:
        start = time.perf_counter()
        fn(arg)
        times.append((time.perf_counter() - start) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse", metavar="DIR", help="SQLite only: measure again on DIR/db.sqlite3 from a run"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kopbal-bench-search-") as tmp:
        vendor = setup_django(Path(args.reuse or tmp))
        from kopbal.news.models import ArticlePage

        if not ArticlePage.objects.exists():
            generate(args.articles)
            index()
        args.articles = ArticlePage.objects.count()

        from django.db import connection, reset_queries
        from django.test import Client

        from kopbal.search.text import parse_query
        from kopbal.search.views import readable_articles

        rng = random.Random(66)
        ids = list(ArticlePage.objects.values_list("pk", flat=True))
        params = queries(rng, args.queries)

        def pk_lookup(pk):
            ArticlePage.objects.get(pk=pk)

        def backend_search(p):
            qs = readable_articles().with_comment_count()
            results = qs.search(parse_query(p["q"]).as_search_query())
            list(results[:10])
            results.count()

        client = Client(HTTP_HOST="localhost")

        def view(p):
            response = client.get("/zoeken/", p)
            if response.status_code != 200:
                raise SystemExit(f"/zoeken/ answered {response.status_code} for {p}")

        # Warm up caches and the planner, then measure.
        timed(pk_lookup, rng.sample(ids, 50))
        timed(view, params[:20])
        reset_queries()
        base = timed(pk_lookup, rng.sample(ids, args.queries))
        search = timed(backend_search, params)
        pages = timed(view, params)
        hits = readable_articles().search(parse_query("transfer").as_search_query()).count()

    base50 = statistics.median(base)
    print(
        f"\n{vendor}: {args.articles:,} articles, {len(params)} queries "
        f"(`transfer` matches {hits:,}); {connection.settings_dict['NAME']!s:.40}"
    )
    print(f"{'':34}{'p50 ms':>9}{'p99 ms':>9}{'p50 × pk':>10}{'p99 × pk':>10}")
    for name, values in (
        ("primary-key lookup (baseline)", base),
        ("search: first page + count", search),
        ("/zoeken/ view (in-process)", pages),
    ):
        p50, p99 = pct(values, 50), pct(values, 99)
        print(f"{name:34}{p50:9.2f}{p99:9.2f}{p50 / base50:10.0f}{p99 / base50:10.0f}")


if __name__ == "__main__":
    main()
