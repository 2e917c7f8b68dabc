"""The demo content of `make run`: the seed page imported, and real comment rows behind
every count it shows (1279 under the Mannaert story), written by clearly marked demo
accounts."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from kopbal.comments.models import Comment
from kopbal.news.importer import decode, import_page
from kopbal.news.models import ArticlePage

SEED = Path(__file__).with_name("seed.txt")
DEMO_READERS = 40
DEMO_COMMENTS = [
    "Eindelijk iemand die het durft te zeggen.",
    "Dit had iedereen kunnen zien aankomen.",
    "Benieuwd wat het bestuur hierop gaat antwoorden.",
    "Met deze kern gaan we nergens naartoe, vrees ik.",
    "Chapeau voor de trainer, hij haalt eruit wat erin zit.",
    "Zondag zien we wel wie er gelijk had.",
    "Het stadion zal in elk geval vol zitten.",
    "Jammer, ik had meer verwacht van die transfer.",
    "Wie heeft die man ooit aangeworven?",
    "Geen paniek, het seizoen is nog lang.",
    "De VAR mag zich ook eens in vraag stellen.",
    "Mooi artikel, goed samengevat.",
]


def demo_readers() -> list:
    User = get_user_model()
    readers = []
    for n in range(1, DEMO_READERS + 1):
        user, created = User.objects.get_or_create(
            username=f"demolezer{n:02d}",
            defaults={
                "display_name": f"Demolezer {n}",
                "is_demo": True,
                "email": f"demolezer{n:02d}@demo.invalid",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        readers.append(user)
    return readers


@transaction.atomic
def add_demo_comments(article: ArticlePage, count: int, readers: list, rng: random.Random) -> int:
    """Top the article's comments up to `count` visible rows."""
    missing = count - Comment.objects.visible().filter(page=article).count()
    if missing <= 0:
        return 0
    start = article.first_published_at
    Comment.objects.bulk_create(
        Comment(
            page_id=article.pk,
            author=rng.choice(readers),
            body=rng.choice(DEMO_COMMENTS),
            created_at=start + timedelta(seconds=30 * (i + 1)),
        )
        for i in range(missing)
    )
    return missing


def load_demo(out: Callable[[str], None] = print) -> bool:
    """Import the seed and its comments. Returns False when the demo was already there."""
    text = decode(SEED.read_bytes())
    headline = text.strip().splitlines()[0].strip()
    if ArticlePage.objects.filter(title=headline).exists():
        out("Demo-inhoud staat er al: niets toegevoegd.")
        return False
    result = import_page(text, progress=out)
    readers = demo_readers()
    rng = random.Random(2026)  # noqa: S311 - demo text, not security
    total = 0
    for article in result.created:
        total += add_demo_comments(article, article.source_comment_count, readers, rng)
    # A few comments under the main article too, so that its list is not empty.
    if result.article is not None:
        total += add_demo_comments(result.article, 12, readers, rng)
    # Threads, likes and an `uitgelicht` comment under the two busiest pages (issue #3).
    from kopbal.comments.demo import add_demo_conversation

    busiest = sorted(result.created, key=lambda a: a.source_comment_count)[-1:]
    for article in [result.article, *busiest]:
        if article is not None:
            add_demo_conversation(article, readers, rng)
    out(f"{total} demo-reacties aangemaakt door {len(readers)} demo-accounts.")
    for item in result.not_imported:
        out(f"Niet geïmporteerd: {item}")
    from kopbal.transfers.demo import load_deadline_day  # live blog and transfers (#8)

    load_deadline_day(out)
    return True
