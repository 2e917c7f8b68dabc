"""The tagger's index, built from the database (or from the shipped knowledge, for benches).

Built once per process and rebuilt when a club or person changes: the fingerprint (count and
latest `updated_at` of clubs and of people) costs two small queries per tagging call, so
every server process sees an editor's new nickname at its next tagging without a restart.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.db.models import Count, Max

from . import knowledge
from .models import lines
from .tagger import ClubRecord, Index, PersonRecord

_lock = threading.Lock()
_cache: dict[str, object] = {"fingerprint": None, "index": None}


def club_names(short_name: str, abbreviations: str, nicknames: str, other_names: str) -> tuple:
    return tuple(
        n for n in (short_name, *lines(abbreviations), *lines(nicknames), *lines(other_names)) if n
    )


def records_from_knowledge() -> tuple[list[ClubRecord], list[PersonRecord]]:
    """The shipped knowledge as tagger records, without a database (benches, tools)."""
    clubs = [
        ClubRecord(
            key=c["slug"],
            name=c["name"],
            country=c["country"],
            city=c["city"],
            names=club_names(c["short_name"], c["abbreviations"], c["nicknames"], c["other_names"]),
        )
        for c in knowledge.CLUBS
    ]
    people = [
        PersonRecord(
            key=p["slug"],
            name=p["name"],
            known_as=tuple(lines(p["known_as"])),
            clubs=tuple(
                {s["club"] for s in p["career"]}
                | ({p["current_club"]} if p["current_club"] else set())
            ),
        )
        for p in knowledge.PEOPLE
    ]
    return clubs, people


def records_from_db() -> tuple[list[ClubRecord], list[PersonRecord]]:
    from .models import CareerSpell, Club, Person

    clubs = [
        ClubRecord(
            key=c.slug,
            name=c.name,
            pk=c.pk,
            country=c.country,
            city=c.city,
            names=club_names(c.short_name, c.abbreviations, c.nicknames, c.other_names),
        )
        for c in Club.objects.only(
            "slug",
            "name",
            "country",
            "city",
            "short_name",
            "abbreviations",
            "nicknames",
            "other_names",
        )
    ]
    slug_of = {c.pk: c.key for c in clubs}
    career: dict[int, set[str]] = {}
    for person_id, club_id in CareerSpell.objects.values_list("person_id", "club_id"):
        career.setdefault(person_id, set()).add(slug_of[club_id])
    people = []
    for p in Person.objects.only("slug", "name", "known_as", "current_club_id"):
        related = set(career.get(p.pk, set()))
        if p.current_club_id:
            related.add(slug_of[p.current_club_id])
        people.append(
            PersonRecord(
                key=p.slug,
                name=p.name,
                pk=p.pk,
                known_as=tuple(lines(p.known_as)),
                clubs=tuple(sorted(related)),
            )
        )
    return clubs, people


def home_country() -> str:
    return getattr(settings, "KOPBAL_HOME_COUNTRY", "BE")


def _fingerprint() -> tuple:
    from .models import Club, Person

    # Career spells are edited inline on the person, so the person's `updated_at` moves too.
    parts = []
    for model in (Club, Person):
        agg = model.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
        parts.extend([agg["n"], agg["t"]])
    return tuple(parts)


def get_index() -> Index:
    """The current index; rebuilt when the knowledge in the database changed."""
    fingerprint = _fingerprint()
    with _lock:
        if _cache["fingerprint"] != fingerprint or _cache["index"] is None:
            clubs, people = records_from_db()
            _cache["index"] = Index(clubs, people, home_country=home_country())
            _cache["fingerprint"] = fingerprint
        return _cache["index"]  # type: ignore[return-value]


def knowledge_index() -> Index:
    clubs, people = records_from_knowledge()
    return Index(clubs, people, home_country=home_country())
