"""How fast the tagger reads a 1,500-word article, next to a baseline in the same run.

The baseline is `text.lower().split()` of the same text: the least any reader of the text
must do. The article is 1,500 words of the labelled Dutch football texts (the real ones, the
seed's headlines and paragraphs and Wikipedia sentences, then the written hard cases).
Measured with the shipped knowledge (~40 clubs, ~17 people) and with a knowledge base 100
times larger (synthetic clubs and people), because the index grows as editors add every
player of every club.

    .venv/bin/python bench/tagger.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopbal.settings.test")

import django  # noqa: E402

django.setup()

from kopbal.football.evaluation import WRITTEN, load_labelled  # noqa: E402
from kopbal.football.index import records_from_knowledge  # noqa: E402
from kopbal.football.tagger import ClubRecord, Index, PersonRecord, tag  # noqa: E402

WORDS = 1500
RUNS = 200


def article(words: int = WORDS) -> str:
    texts = [item["text"] for item in load_labelled() + load_labelled(WRITTEN)]
    out: list[str] = []
    while len(out) < words:
        for text in texts:
            out.extend(text.split())
    return " ".join(out[:words])


def timed(fn, runs: int = RUNS) -> float:
    """Median seconds per call."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def big_index(factor: int = 100) -> Index:
    clubs, people = records_from_knowledge()
    extra_clubs = [
        ClubRecord(
            f"club-{i}",
            f"Sportkring Dorp{i}",
            (f"Dorp{i}", f"SKD{i}"),
            country="BE",
            city=f"Dorp{i}",
        )
        for i in range(len(clubs) * factor)
    ]
    extra_people = [
        PersonRecord(
            f"persoon-{i}",
            f"Voornaam{i % 500} Achternaam{i}",
            clubs=(f"club-{i % len(extra_clubs)}",),
        )
        for i in range(len(people) * factor)
    ]
    return Index(clubs + extra_clubs, people + extra_people)


def main() -> None:
    text = article()
    clubs, people = records_from_knowledge()
    build = timed(lambda: Index(clubs, people), runs=20)
    index = Index(clubs, people)
    large = big_index()
    result = tag(text, index)
    if not (result.clubs and result.people):
        raise SystemExit("the bench article should name clubs and people")

    baseline = timed(lambda: text.lower().split())
    small = timed(lambda: tag(text, index))
    big = timed(lambda: tag(text, large))

    print(
        f"Artikel: {len(text.split())} woorden, {len(text)} tekens; "
        f"{len(result.clubs)} clubs en {len(result.people)} personen gevonden"
    )
    print(f"baseline  text.lower().split()     {baseline * 1000:8.3f} ms   1.0x")
    print(
        f"tagger    {len(index):>5} clubs+personen  {small * 1000:8.3f} ms "
        f"{small / baseline:6.1f}x baseline"
    )
    print(
        f"tagger    {len(large):>5} clubs+personen  {big * 1000:8.3f} ms "
        f"{big / baseline:6.1f}x baseline"
    )
    print(f"index bouwen ({len(index)} clubs+personen): {build * 1000:.2f} ms")
    print(
        f"budget: 100 ms per artikel; het tagger-resultaat gebruikt "
        f"{max(small, big) * 1000 / 100:.1%} daarvan"
    )


if __name__ == "__main__":
    main()
