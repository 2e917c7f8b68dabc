"""Precision and recall of the tagger on the labelled set (tests/data/labelled.jsonl).

Each line is a Dutch football text (the seed page's paragraphs and headlines, and sentences in
the same style with hard cases) with the clubs and people it names, as slugs. A text is tagged
on its own, without the other lines as context. Labels say what a reader can tell from the
text alone: a stadium or a training ground is not a club name, an undecidable `Bruggelingen`
is labelled with nothing.

Two splits: `dev` (the seed and the hard cases the rules were written against) and `holdout`
(written after the rules, never tuned on): the holdout figures are the honest estimate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .tagger import CLUB, PERSON, Index, tag

LABELLED = Path(__file__).resolve().parent / "tests" / "data" / "labelled.jsonl"


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
