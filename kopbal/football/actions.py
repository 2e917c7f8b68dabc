"""What changes football data: tags on an article, `Lees ook` picks, clubs readers follow.

Tags are written on the article object in memory (modelcluster child relations), so that
they go into the revision the editor saves or publishes; nothing here saves the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from .models import (
    ArticleClub,
    ArticlePerson,
    Club,
    ClubFollow,
    RejectedTag,
    RelatedArticle,
)
from .tagger import CLUB, PERSON, TagResult
from .tagging import article_text, suggest

KEY = re.compile(r"^(club|person):([1-9][0-9]{0,18})$")


def parse_keys(value: str) -> set[tuple[str, int]]:
    """`club:12 person:3` → {("club", 12), ("person", 3)}. ValueError on anything else."""
    keys = set()
    for part in (value or "").split():
        match = KEY.match(part)
        if match is None:
            raise ValueError(part)
        keys.add((match[1], int(match[2])))
    return keys


def _next_order(items: list) -> int:
    orders = [i.sort_order for i in items if i.sort_order is not None]
    return (max(orders) + 1) if orders else len(items)


def add_tags(page, keys: Iterable[tuple[str, int]]) -> int:
    """Tag the article (in memory) with these clubs and people; returns how many were new."""
    clubs = list(page.club_tags.all())
    people = list(page.person_tags.all())
    have = {(CLUB, t.club_id) for t in clubs} | {(PERSON, t.person_id) for t in people}
    added = 0
    for kind, pk in keys:
        if (kind, pk) in have:
            continue
        have.add((kind, pk))
        if kind == CLUB:
            clubs.append(ArticleClub(club_id=pk, sort_order=_next_order(clubs)))
        else:
            people.append(ArticlePerson(person_id=pk, sort_order=_next_order(people)))
        added += 1
    if added:
        page.club_tags = clubs
        page.person_tags = people
    return added


def rejected_keys(page) -> set[tuple[str, int]]:
    return {
        (CLUB, r.club_id) if r.club_id else (PERSON, r.person_id) for r in page.rejected_tags.all()
    }


def set_rejected(page, keys: Iterable[tuple[str, int]]) -> None:
    """The suggestions the editor turned down, exactly these (in memory)."""
    page.rejected_tags = [
        RejectedTag(club_id=pk) if kind == CLUB else RejectedTag(person_id=pk)
        for kind, pk in sorted(set(keys))
    ]


def add_related(page, article_ids: Iterable[int]) -> int:
    """Add `Lees ook` picks (in memory), skipping the article itself and duplicates."""
    picks = list(page.related_articles.all())
    have = {p.article_id for p in picks}
    added = 0
    for pk in article_ids:
        if pk in have or (page.pk and pk == page.pk):
            continue
        have.add(pk)
        picks.append(RelatedArticle(article_id=pk, sort_order=_next_order(picks)))
        added += 1
    if added:
        page.related_articles = picks
    return added


def apply_suggestions(page, text: str | None = None) -> TagResult:
    """Tag the article with what the tagger finds in it, except what the editor rejected."""
    result = suggest(article_text(page) if text is None else text)
    rejected = rejected_keys(page)
    keys = [
        (s.entity.kind, s.entity.pk)
        for s in [*result.clubs, *result.people]
        if s.entity.pk is not None and (s.entity.kind, s.entity.pk) not in rejected
    ]
    add_tags(page, keys)
    return result


def do_follow_club(user, club: Club) -> bool:
    """Follow a club; True when this is new. Following twice is not an error."""
    try:
        with transaction.atomic():
            _, created = ClubFollow.objects.get_or_create(user=user, club=club)
    except IntegrityError:  # the same reader, twice at once: the other request won
        return False
    return created


def do_unfollow_club(user, club: Club) -> bool:
    with transaction.atomic():
        deleted, _ = ClubFollow.objects.filter(user=user, club=club).delete()
    return bool(deleted)
