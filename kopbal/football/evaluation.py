"""Precision and recall of the tagger on real labelled text (tests/data/labelled.jsonl).

Each line is a real Dutch football text with the clubs and people it names, as slugs: the seed
page's paragraphs and headlines (`source: "seed"`) and sentences copied verbatim from Dutch
Wikipedia (`source` is the page, `licence` CC BY-SA 4.0; see tests/data/README.md). A text is
tagged on its own, without the other lines as context. Labels say what a reader can tell from
the text alone: a stadium or a training ground is not a club name, a city meant as the city is
not its club, a club meant but not named is not labelled, an undecidable `Bruggelingen` is
labelled with nothing, and only what the knowledge base holds can be labelled.

Two splits, fixed before the tagger ran on them: `dev` (the seed, which the rules were written
against) and `holdout` (Wikipedia pages, never tuned on): the holdout figures are the honest
estimate, and with few real items a rough one.

Sentences written by engineers to exercise hard cases are NOT measurement: they live in
tests/data/written_cases.jsonl (`WRITTEN`) as regression checks and are reported apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .tagger import CLUB, PERSON, Index, tag

DATA = Path(__file__).resolve().parent / "tests" / "data"
LABELLED = DATA / "labelled.jsonl"
WRITTEN = DATA / "written_cases.jsonl"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_labelled(path: Path = LABELLED) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(index: Index, items: list[dict]) -> dict[str, Score]:
    """Scores per entity type: `clubs` and `people`."""
    scores = {"clubs": Score(), "people": Score()}
    for item in items:
        result = tag(item["text"], index)
        for label, kind in (("clubs", CLUB), ("people", PERSON)):
            got, want = set(result.keys(kind)), set(item[label])
            score = scores[label]
            score.tp += len(got & want)
            score.fp += len(got - want)
            score.fn += len(want - got)
            for key in sorted(got - want):
                score.errors.append(f"#{item['id']} onterecht {key}: {item['text'][:90]!r}")
            for key in sorted(want - got):
                score.errors.append(f"#{item['id']} gemist {key}: {item['text'][:90]!r}")
    return scores


def report(scores: dict[str, Score], n_items: int, verbose: bool = False, title: str = "") -> str:
    lines = [f"Tagger op {n_items} gelabelde teksten{title}"]
    for label, name in (("clubs", "clubs"), ("people", "personen")):
        s = scores[label]
        lines.append(
            f"  {name:9} precisie {s.precision:.3f}  recall {s.recall:.3f}  "
            f"(juist {s.tp}, onterecht {s.fp}, gemist {s.fn})"
        )
        if verbose:
            lines.extend(f"    {e}" for e in s.errors)
    return "\n".join(lines)
