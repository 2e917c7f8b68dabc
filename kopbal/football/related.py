"""Related articles: for the editor's `Lees ook` and for the end of an article when the editor
picked none.

A candidate scores for the people it shares with the article (most telling), the clubs it
shares (a club is in many articles, so less), how alike the headlines and leads are (Dutch
stems, stop words out, cosine), and how recent it is (half the weight after a week).
Candidates come from one query: the newest published articles sharing a club or a person,
plus, for the editor, the newest articles overall for text-only matches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import snowballstemmer
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ArticleClub, ArticlePerson

PERSON_WEIGHT = 3.0
CLUB_WEIGHT = 1.5
TEXT_WEIGHT = 4.0
RECENCY_WEIGHT = 1.5
RECENCY_HALF_LIFE_DAYS = 7.0
MIN_SCORE = 2.0
CANDIDATES = 60

_STOP_WORDS = (
    "de het een en of maar dat die dit deze van voor naar met op in uit aan bij tot om "
    "over door als ook nog niet geen wel zijn is was wordt werd worden heeft hebben had "
    "zal zullen kan kunnen moet moeten er hij zij ze we wij je jij u ik mij me hem haar hun "
    "zich wat wie waar hoe dan toen nu al meer veel zo te ten ter zeer heel na tegen onder "
    "sinds tussen"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
WORD = re.compile(r"[^\W\d_]{3,}")
_stemmer = snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def terms(text: str) -> Counter:
    return Counter(
        _stem(w)
        for w in (m.group().casefold() for m in WORD.finditer(text or ""))
        if w not in STOP_WORDS
    )


def cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm


@dataclass
class Candidate:
    article: object
    score: float
    shared_clubs: int = 0
    shared_people: int = 0
    similarity: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _recency(published: datetime | None, now: datetime) -> float:
    if published is None:
        return 0.0
    age_days = max(0.0, (now - published).total_seconds() / 86400)
    return 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)


def candidates(
    club_ids: Iterable[int],
    person_ids: Iterable[int],
    *,
    exclude: Iterable[int],
    limit: int = CANDIDATES,
    picks_of=None,
):
    """Published articles sharing a club or a person, newest first, with shared counts.

    With `picks_of` (an article), the editor's `Lees ook` picks of that article come in the
    same query, marked with their `pick_order`.
    """
    from kopbal.news.models import ArticlePage

    from .models import RelatedArticle

    club_ids, person_ids = list(club_ids), list(person_ids)
    wanted = Q(pk__in=[])
    if club_ids:
        wanted |= Q(Exists(ArticleClub.objects.filter(page=OuterRef("pk"), club_id__in=club_ids)))
    if person_ids:
        wanted |= Q(
            Exists(ArticlePerson.objects.filter(page=OuterRef("pk"), person_id__in=person_ids))
        )
    queryset = ArticlePage.objects.published().exclude(pk__in=list(exclude))
    if picks_of is not None:
        picks = RelatedArticle.objects.filter(page_id=picks_of.pk)
        wanted |= Q(pk__in=picks.values("article_id"))
        queryset = queryset.annotate(
            pick_order=Subquery(
                picks.filter(article_id=OuterRef("pk")).values("sort_order")[:1],
                output_field=IntegerField(),
            )
        )
    elif not club_ids and not person_ids:
        return ArticlePage.objects.none()

    def shared(model, field_name, ids):
        if not ids:
            return Value(0, output_field=IntegerField())
        return Coalesce(
            Subquery(
                model.objects.filter(page=OuterRef("pk"), **{f"{field_name}__in": ids})
                .order_by()
                .values("page")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    # Picks first, so that a pick older than the newest candidates is never cut off.
    order = ["-first_published_at", "-pk"]
    if picks_of is not None:
        order.insert(0, F("pick_order").asc(nulls_last=True))
    return (
        queryset.filter(wanted)
        .annotate(
            shared_clubs=shared(ArticleClub, "club_id", club_ids),
            shared_people=shared(ArticlePerson, "person_id", person_ids),
        )
        .defer("body")
        .order_by(*order)[:limit]
    )


def rank(text: str, pool: Iterable, *, now: datetime | None = None) -> list[Candidate]:
    """Score candidate articles against the text of the article being read or written."""
    now = now or timezone.now()
    mine = terms(text)
    out = []
    for article in pool:
        similarity = cosine(mine, terms(f"{article.title} {article.lead}"))
        shared_clubs = getattr(article, "shared_clubs", 0) or 0
        shared_people = getattr(article, "shared_people", 0) or 0
        score = (
            PERSON_WEIGHT * shared_people
            + CLUB_WEIGHT * shared_clubs
            + TEXT_WEIGHT * similarity
            + RECENCY_WEIGHT * _recency(article.first_published_at, now)
        )
        if score >= MIN_SCORE and (shared_clubs or shared_people or similarity >= 0.2):
            out.append(Candidate(article, score, shared_clubs, shared_people, similarity))
    out.sort(key=lambda c: (-c.score, -(c.article.first_published_at or now).timestamp()))
    return out


def related_for_article(
    page, club_ids: list[int], person_ids: list[int], limit: int = 3, exclude: Iterable[int] = ()
) -> tuple[list, bool]:
    """The end of `page`: the editor's live picks if any, else the best few related articles.
    One query (two with Wagtail's view-restriction lookup). Returns (articles, picked)."""
    pool = list(candidates(club_ids, person_ids, exclude=[page.pk, *exclude], picks_of=page))
    picked = sorted((a for a in pool if a.pick_order is not None), key=lambda a: a.pick_order)
    if picked:
        return picked, True
    text = f"{page.title} {page.lead}"
    return [c.article for c in rank(text, pool)[:limit]], False


def suggest_related(
    text: str,
    club_ids: list[int],
    person_ids: list[int],
    *,
    exclude: Iterable[int] = (),
    limit: int = 8,
) -> list[Candidate]:
    """For the editor: tag-sharing articles plus the newest ones, for text-only matches."""
    from kopbal.news.models import ArticlePage

    exclude = [pk for pk in exclude if pk]
    pool = {a.pk: a for a in candidates(club_ids, person_ids, exclude=exclude)}
    recent = (
        ArticlePage.objects.published()
        .exclude(pk__in=exclude)
        .defer("body")
        .order_by("-first_published_at", "-pk")[:CANDIDATES]
    )
    for article in recent:
        pool.setdefault(article.pk, article)
    return rank(text, pool.values())[:limit]
