"""Poll results: counted from the vote rows, briefly cached, shown as whole percentages."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from .choices import VoteStatus
from .conf import setting
from .models import Poll, Vote

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerResult:
    answer_id: int
    text: str
    votes: int
    percent: int
    is_choice: bool


@dataclass(frozen=True)
class PollResults:
    total: int
    answers: list[AnswerResult]


def _key(poll_id: int) -> str:
    return f"polls:counts:{poll_id}"


def count_votes(poll_id: int) -> dict[int, int]:
    """The recount: counted votes per answer, straight from the rows."""
    rows = (
        Vote.objects.filter(poll_id=poll_id, status=VoteStatus.COUNTED)
        .order_by()
        .values_list("answer_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def vote_counts(poll_id: int, *, fresh: bool = False) -> dict[int, int]:
    """Counts per answer; from the cache for a few seconds unless `fresh`."""
    if not fresh:
        try:
            cached = cache.get(_key(poll_id))
        except Exception:  # noqa: BLE001 - a cache outage must not hide results
            logger.warning("Peilingcache onbereikbaar", exc_info=True)
            cached = None
        if cached is not None:
            return cached
    counts = count_votes(poll_id)
    try:
        cache.set(_key(poll_id), counts, setting("KOPBAL_POLL_RESULTS_TTL"))
    except Exception:  # noqa: BLE001
        logger.warning("Peilingcache onbereikbaar", exc_info=True)
    return counts


def whole_percentages(votes: list[int]) -> list[int]:
    """Percentages rounded so that they add up to exactly 100 (largest remainder)."""
    total = sum(votes)
    if not total:
        return [0 for _ in votes]
    exact = [v * 100 / total for v in votes]
    floors = [int(x) for x in exact]
    short = 100 - sum(floors)
    by_remainder = sorted(
        range(len(votes)), key=lambda i: (exact[i] - floors[i], votes[i]), reverse=True
    )
    for i in by_remainder[:short]:
        floors[i] += 1
    return floors


def results_for(poll: Poll, counts: dict[int, int], choice: int | None = None) -> PollResults:
    """The results as readers see them, answers in the editor's order."""
    answers = list(poll.answer_list)
    votes = [counts.get(a.pk, 0) for a in answers]
    percents = whole_percentages(votes)
    return PollResults(
        total=sum(votes),
        answers=[
            AnswerResult(a.pk, a.text, n, p, a.pk == choice)
            for a, n, p in zip(answers, votes, percents, strict=True)
        ],
    )
