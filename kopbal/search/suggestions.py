"""Clubs, people and authors by the start of any of their names, accents ignored.

The names (with nicknames, abbreviations and `known as` forms) live in a small in-process
list, rebuilt when an editor saves a club, person or author (a generation number in the
shared cache tells every process) and at least every five minutes. A few thousand names
match in well under a millisecond, without touching the database.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from .text import fold, words

GENERATION_KEY = "kopbal:search:suggest-generation"
MAX_AGE = 300
FOOTBALL = "kopbal.football"


@dataclass(frozen=True)
class Entry:
    kind: str  # "club", "persoon", "auteur"
    slug: str
    label: str
    url: str
    names: tuple[tuple[str, tuple[str, ...]], ...]  # (written name, its folded words)


_lock = threading.Lock()
_state: dict = {"entries": None, "generation": None, "built": 0.0}


def football_installed() -> bool:
    return apps.is_installed(FOOTBALL)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _entry(kind: str, obj, names: list[str]) -> Entry:
    seen, pairs = set(), []
    for name in [obj.name, *names]:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            pairs.append((name, tuple(words(name))))
    return Entry(kind, obj.slug, obj.name, obj.get_absolute_url(), tuple(pairs))


def _build() -> list[Entry]:
    from kopbal.news.models import Author

    entries: list[Entry] = []
    if football_installed():
        from kopbal.football.models import Club, Person

        for club in Club.objects.only(
            "name", "slug", "short_name", "abbreviations", "nicknames", "official_name"
        ):
            names = [
                club.short_name,
                club.official_name,
                *_lines(club.abbreviations),
                *_lines(club.nicknames),
            ]
            entries.append(_entry("club", club, [n for n in names if n]))
        for person in Person.objects.only("name", "slug", "known_as"):
            entries.append(_entry("persoon", person, _lines(person.known_as)))
    for author in Author.objects.only("name", "slug"):
        entries.append(_entry("auteur", author, []))
    return entries


def _entries() -> list[Entry]:
    generation = cache.get(GENERATION_KEY, 0)
    with _lock:
        fresh = time.monotonic() - _state["built"] < MAX_AGE
        if _state["entries"] is None or _state["generation"] != generation or not fresh:
            _state["entries"] = _build()
            _state["generation"] = generation
            _state["built"] = time.monotonic()
        return _state["entries"]


def invalidate(**kwargs) -> None:
    """Signal receiver: a club, person or author changed; every process rebuilds its list."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)
    _state["entries"] = None


KIND_LABELS = {"club": "Club", "persoon": "Persoon", "auteur": "Auteur"}
KIND_ORDER = {"club": 0, "persoon": 1, "auteur": 2}


def _match(typed: list[str], name_words: tuple[str, ...]) -> int | None:
    """0 when the name starts with what was typed, 1 when each typed word starts a word."""
    n = len(typed)
    if (
        n <= len(name_words)
        and all(name_words[i] == t for i, t in enumerate(typed[:-1]))
        and name_words[n - 1].startswith(typed[-1])
    ):
        return 0
    if all(any(w.startswith(t) for w in name_words) for t in typed):
        return 1
    return None


def suggest(typed: list[str], limit: int = 8) -> list[dict]:
    """The best `limit` names for the folded words typed so far."""
    scored = []
    for entry in _entries():
        best = None
        for written, name_words in entry.names:
            rank = _match(typed, name_words)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, written)
        if best is not None:
            rank, written = best
            scored.append(
                ((rank, KIND_ORDER[entry.kind], len(entry.label), entry.label), entry, written)
            )
    scored.sort(key=lambda item: item[0])
    return [
        {
            "kind": entry.kind,
            "kind_label": _(KIND_LABELS[entry.kind]),
            "label": entry.label,
            "matched": written if fold(written) != fold(entry.label) else "",
            "url": entry.url,
        }
        for _key, entry, written in scored[:limit]
    ]


@dataclass
class Resolved:
    """What a club or person filter names: the one it found, or the names it could mean."""

    found: Model | None
    candidates: list[str]


def entity(kind: str, value: str) -> Resolved:
    """The club or person a search filter names, by slug or as a reader types it.

    Links carry the slug (`club=kv-mechelen`); a reader types a name, a nickname or an
    abbreviation (`Mechelen`, `Malinwa`, `KVM`), accents and case ignored. A whole name
    wins over the start of one; when several fit equally, `candidates` lists them.
    """
    if not football_installed():
        return Resolved(None, [])
    from kopbal.football.models import Club, Person

    model = Club if kind == "club" else Person
    value = value.strip()
    found = model.objects.filter(slug=value).only("name", "slug").first()
    if found is not None:
        return Resolved(found, [])
    typed = words(value)
    if not typed:
        return Resolved(None, [])
    entry_kind = "club" if kind == "club" else "persoon"
    # Tiers: the whole name, a name that starts with the words, the words anywhere.
    tiers: tuple[dict, dict, dict] = ({}, {}, {})
    for candidate in _entries():
        if candidate.kind != entry_kind:
            continue
        for _written, name_words in candidate.names:
            if name_words == tuple(typed):
                tiers[0][candidate.slug] = candidate.label
            else:
                rank = _match(typed, name_words)
                if rank is not None:
                    tiers[rank + 1][candidate.slug] = candidate.label
    fitting = next((tier for tier in tiers if tier), {})
    if len(fitting) == 1:
        [slug] = fitting
        return Resolved(model.objects.filter(slug=slug).only("name", "slug").first(), [])
    return Resolved(None, sorted(fitting.values(), key=fold)[:8])


def article_ids(kind: str, obj: Model) -> QuerySet:
    """The ids of the articles tagged with this club or person (a subquery)."""
    from kopbal.football.models import ArticleClub, ArticlePerson

    if kind == "club":
        return ArticleClub.objects.filter(club=obj).values("page_id")
    return ArticlePerson.objects.filter(person=obj).values("page_id")
