"""Finds the clubs and people a Dutch football text speaks of. Pure Python, no database.

How it works:
- The index maps every name (official and short names, abbreviations, nicknames, other forms,
  people's full names, known-as names and surnames) to the entities it may mean, as token
  sequences keyed by their first token (folded: lower case, accents off). Dutch genitive and
  possessive forms are indexed too (`Anderlechts`, `Defours`, `Kompany's`, `Buijs'`).
- One pass over the text's tokens finds the longest name at each position.
- A second pass decides, using the whole text, which mentions to keep:
  * a name of one club or one person's full name is kept (`strong`);
  * a name shared by several clubs (`Bruggelingen`, `Brugse`, `Limburgers`) is kept only when
    the text names one of those clubs otherwise (the nearest one before it wins);
  * a name that is also an ordinary word (`Club`, `Standard`, `Union`, `Lens`, `Still`) must be
    written as a name (capitalised, and for the Dutch nouns `club` and `lens` not after an
    article: `de club`); `Club` alone is Club Brugge only when the site's home country is
    Belgium (`KOPBAL_HOME_COUNTRY`); a Dutch noun naming a club abroad (`Lens`) and a person
    named by an ordinary word (`Still`) also need the text to confirm them: another mention,
    a club of the person's career, or a role word just before (`coach Still`);
  * a one-word name glued to a capitalised word we do not know is part of another name
    (`Club América`, `Union Berlin`, `Queens Park Rangers`, `Racing Mechelen`);
  * a surname alone is kept when the person's full name is in the text, or the surname is
    unique in the index and not an ordinary word; never after an unknown first name
    (`Thorgan Hazard` is not `Eden Hazard`, also at the start of a headline: `Jordan Lukaku
    tekent`), and not at all in a text that gives the surname to such a namesake; a first
    name alone is never a mention;
  * a city is not its club after `burgemeester van`, `centrum van` and the like, before
    `binnenstad`, `universiteit`, `Feesten`, or in `Westerlo is een gemeente`.
- What stays undecided is left untagged: a wrong tag is worse than a missing one.

Tagging a 1,500-word article takes about 10 ms on the 2-core CI machine, whether the index
holds 56 or 5,656 clubs and people (bench/tagger.py; the budget is 100 ms).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

CLUB = "club"
PERSON = "person"

# Names that are also ordinary Dutch or English words, so need to look like names in the text.
COMMON_WORDS = frozenset(
    {
        "club",
        "standard",
        "union",
        "still",
        "lens",
        "hearts",
        "rangers",
        "sporting",
        "racing",
        "city",
        "royal",
        "spurs",
    }
)
# Of those, Dutch nouns: an article before them makes them the noun (`de club`), and for a
# club abroad the text must confirm it (`Lens` only after Edward Still, his old club).
DUTCH_NOUNS = frozenset({"club", "lens"})
# Only articles: `die`, `dat`, `zijn` before a capitalised `Club` are usually a pronoun, a
# conjunction or a verb (`de speler die Club verliet`), and Club Brugge is meant.
DETERMINERS = frozenset({"de", "het", "een", "the", "a", "an"})
# A role word right before a surname confirms the person: `coach Still`, `Anderlecht-trainer`.
ROLE_WORDS = frozenset(
    {
        "coach",
        "trainer",
        "hoofdcoach",
        "hoofdtrainer",
        "t1",
        "t2",
        "interimcoach",
        "interimtrainer",
        "assistent",
        "assistent-trainer",
        "keeper",
        "doelman",
        "spits",
        "verdediger",
        "middenvelder",
        "aanvaller",
        "directeur",
        "ceo",
        "voorzitter",
        "analist",
        "kapitein",
        "aanvoerder",
        "speler",
        "manager",
        "bondscoach",
        "topschutter",
        "ploegmaat",
        "routinier",
        "sterkhouder",
        "international",
        "landgenoot",
    }
)
# Words that open a Dutch sentence before a name without being a first name (`Volgens
# Lukaku`, `Ook Kompany`): any other capitalised word there may be someone else's first name
# (`Jordan Lukaku tekent bij Antwerp` is not Romelu Lukaku).
SENTENCE_OPENERS = frozenset(
    {
        "ook",
        "zelfs",
        "alleen",
        "enkel",
        "vooral",
        "volgens",
        "maar",
        "en",
        "of",
        "dus",
        "want",
        "dat",
        "toen",
        "als",
        "omdat",
        "terwijl",
        "nu",
        "zo",
        "nog",
        "toch",
        "net",
        "pas",
        "eerst",
        "daarna",
        "daarom",
        "voor",
        "na",
        "met",
        "zonder",
        "bij",
        "tegen",
        "door",
        "over",
        "van",
        "naast",
        "sinds",
        "behalve",
        "ondanks",
        "dankzij",
        "waarom",
        "hoe",
        "wie",
        "wat",
        "wanneer",
        "waar",
        "ex",
        "oud",
        "ja",
        "nee",
        "uitgerekend",
        "gisteren",
        "vandaag",
        "morgen",
        # Verbs that open a question (`Is Defour volgend jaar nog coach?`); most others end
        # in -t (`Blijft`, `Wordt`, `Kiest`): see VERB_ENDING.
        "is",
        "was",
        "kan",
        "kon",
        "wil",
        "zal",
        "zou",
        "mag",
        "had",
        "ging",
        "kwam",
        "bleef",
        "werd",
        "won",
    }
)
# An attributive adjective before a name ends in a consonant and -e (`Ontketende Lukaku`,
# `Sterke Defour`); first names seldom do, and a doubt keeps the mention, as before.
ADJECTIVE_ENDING = re.compile(r"[^aeiouy]e$")
# A verb opening a question (`Blijft Lukaku bij Napoli?`); this spares first names in -t
# (`Vincent`) too: a doubt keeps the mention, as before.
VERB_ENDING = re.compile(r"t$")
# `de burgemeester van Genk` is the city, not KRC Genk.
CIVIC_BEFORE = frozenset(
    {
        "stad",
        "centrum",
        "burgemeester",
        "station",
        "provincie",
        "gemeente",
        "inwoners",
        "regio",
        "universiteit",
        "hartje",
        "stadhuis",
        "haven",
        "luchthaven",
        "ring",
        "binnenstad",
        "politie",
        "parket",
        "rechtbank",
        "stadsbestuur",
        "gemeentebestuur",
        "schepen",
        "gemeenteraad",
        "stadsdeel",
        "provinciehuis",
        "ziekenhuis",
        "markt",
        "kathedraal",
    }
)
# `de Mechelse binnenstad`, `de Leuvense universiteit`: the place, not the club.
CIVIC_AFTER = CIVIC_BEFORE | {"feesten", "kermis", "kust", "rand"}
# `Westerlo is een gemeente`, `Barcelona is de hoofdstad van Catalonië`.
PLACE_NOUNS = frozenset(
    {
        "stad",
        "stadje",
        "gemeente",
        "dorp",
        "hoofdstad",
        "havenstad",
        "provinciestad",
        "deelgemeente",
        "regio",
        "provincie",
        "rivier",
    }
)
# `KU Leuven`, `UZ Leuven`, `AZ Genk`, `KRC Mechelen`: capitals before a city make another
# name (a university, a hospital, another club). Not the labels some headlines open with.
ACRONYM = re.compile(r"^[A-Z]{2,4}$")
UPPERCASE_LABELS = frozenset({"LIVE", "FOTO", "POLL", "NEWS"})
# Club suffixes that may follow a one-word name without making it someone else's name.
CLUB_SUFFIXES = frozenset({"fc", "cf", "sc", "ac", "kv", "vv", "sv", "cp", "afc", "cfc", "bc"})

# A word: letters and digits, apostrophes inside (`zo'n`, `Kompany's`) and one at the end
# (`Buijs'`). Written as runs, not one character at a time: it is most of the tagging time.
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:['’](?![^\W_]))?")
SENTENCE_BREAK = re.compile(r"[.!?:;\n]")
POSSESSIVE = ("'s", "'")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case without accents, one kind of apostrophe: `Barça` and `barca` meet."""
    if text.isascii():
        return text.lower()
    text = text.replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_titlecase(token: str) -> bool:
    return token[:1].isupper() and (len(token) == 1 or not token[1:2].isupper())


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str  # CLUB or PERSON
    key: str  # the slug
    name: str
    pk: int | None = None
    country: str = ""
    city: str = ""
    # People: the clubs of their career and their current club (to confirm a surname alone).
    clubs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Alias:
    tokens: tuple[str, ...]  # folded
    originals: tuple[str, ...]
    targets: tuple[Entity, ...]
    kind: str  # "name" | "surname"
    is_word: bool  # an ordinary word too
    is_city: bool  # the name of the club's city
    is_abbreviation: bool

    @property
    def ambiguous(self) -> bool:
        return len(self.targets) > 1


@dataclass(slots=True)
class Mention:
    entity: Entity
    start: int  # character offsets in the text
    end: int
    text: str
    rule: str


@dataclass(slots=True)
class Suggestion:
    entity: Entity
    mentions: list[Mention] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """The distinct words that triggered the suggestion, in order."""
        seen, out = set(), []
        for m in self.mentions:
            if m.text not in seen:
                seen.add(m.text)
                out.append(m.text)
        return out


@dataclass(slots=True)
class TagResult:
    clubs: list[Suggestion]
    people: list[Suggestion]

    def keys(self, kind: str) -> list[str]:
        return [s.entity.key for s in (self.clubs if kind == CLUB else self.people)]


@dataclass(frozen=True, slots=True)
class ClubRecord:
    key: str
    name: str
    names: tuple[str, ...]  # every other name: short name, abbreviations, nicknames, forms
    pk: int | None = None
    country: str = ""
    city: str = ""


@dataclass(frozen=True, slots=True)
class PersonRecord:
    key: str
    name: str
    known_as: tuple[str, ...] = ()
    clubs: tuple[str, ...] = ()
    pk: int | None = None


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


class Index:
    """All names, keyed by folded first token. Build once, tag many texts."""

    def __init__(
        self, clubs: Iterable[ClubRecord], people: Iterable[PersonRecord], home_country: str = "BE"
    ) -> None:
        self.home_country = home_country
        names: dict[tuple[str, ...], dict] = {}

        def add(name: str, entity: Entity, kind: str, *, inflect: bool) -> None:
            toks = [t for t, _, _ in tokenize(name)]
            if not toks:
                return
            folded = tuple(fold(t) for t in toks)
            variants = [(folded, tuple(toks))]
            last = folded[-1]
            if inflect and len(last) >= 3 and not (len(folded) == 1 and last in COMMON_WORDS):
                stems = [last + "'s", last + "'"]
                if not last.endswith("s"):
                    stems.append(last + "s")
                for stem in stems:
                    variants.append((folded[:-1] + (stem,), tuple(toks[:-1]) + (toks[-1],)))
            for tokens, originals in variants:
                slot = names.setdefault(
                    tokens, {"originals": originals, "targets": {}, "kind": kind}
                )
                slot["targets"][(entity.kind, entity.key)] = entity
                if kind == "name":
                    slot["kind"] = "name"

        self.entities: dict[tuple[str, str], Entity] = {}
        self.surnames: dict[str, list[Entity]] = defaultdict(list)
        for c in clubs:
            entity = Entity(CLUB, c.key, c.name, c.pk, c.country, fold(c.city))
            self.entities[(CLUB, c.key)] = entity
            for name in (c.name, *c.names):
                add(name, entity, "name", inflect=not name.isupper())
        for p in people:
            entity = Entity(PERSON, p.key, p.name, p.pk, clubs=frozenset(p.clubs))
            self.entities[(PERSON, p.key)] = entity
            for name in (p.name, *p.known_as):
                add(name, entity, "name", inflect=True)
            parts = p.name.split()
            if len(parts) > 1:
                surname = " ".join(parts[1:])
                add(surname, entity, "surname", inflect=True)
                self.surnames[fold(surname)].append(entity)

        self.by_first: dict[str, list[Alias]] = defaultdict(list)
        for tokens, slot in names.items():
            targets = tuple(slot["targets"].values())
            single = len(tokens) == 1
            alias = Alias(
                tokens=tokens,
                originals=slot["originals"],
                targets=targets,
                kind=slot["kind"] if all(t.kind == PERSON for t in targets) else "name",
                is_word=single and tokens[0] in COMMON_WORDS,
                is_city=single and any(t.city == tokens[0] for t in targets),
                is_abbreviation=single
                and len(slot["originals"][0]) > 1
                and slot["originals"][0].isupper(),
            )
            self.by_first[tokens[0]].append(alias)
        for aliases in self.by_first.values():
            aliases.sort(key=lambda a: len(a.tokens), reverse=True)

    def __len__(self) -> int:
        return len(self.entities)


@dataclass(slots=True)
class _Hit:
    alias: Alias
    first: int  # token index
    last: int
    targets: tuple[Entity, ...]
    rule: str = ""


class _Text:
    """The tokens of one text with what the rules need to know about their surroundings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.folded = [fold(t) for t, _, _ in self.tokens]

    def gap_before(self, i: int) -> str:
        start = self.tokens[i - 1][2] if i > 0 else 0
        return self.text[start : self.tokens[i][1]]

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        return bool(SENTENCE_BREAK.search(self.gap_before(i)))

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 with only spaces between (one phrase, one line)."""
        return i > 0 and self.gap_before(i).strip(" \t\u00a0") == ""


def _case_ok(alias: Alias, text: _Text, first: int) -> bool:
    """Names must look like names: one-word names capitalised, abbreviations in capitals."""
    if len(alias.tokens) > 1:
        # `Club Brugge`, `paars-wit`: a sequence of words is a name in any case,
        # except that a leading capitalised word must be capitalised (`De Mil`, not `de mil`).
        if is_capitalised(alias.originals[0]) and alias.kind == "surname":
            return is_capitalised(text.tokens[first][0])
        return True
    token = text.tokens[first][0]
    original = alias.originals[0]
    if alias.is_abbreviation:
        return token.isupper()
    if alias.is_word:
        return is_titlecase(token)
    if is_capitalised(original):
        return is_capitalised(token)
    return True


def _match(index: Index, text: _Text) -> list[_Hit]:
    hits: list[_Hit] = []
    n = len(text.tokens)
    i = 0
    while i < n:
        found = None
        for alias in index.by_first.get(text.folded[i], ()):
            k = len(alias.tokens)
            if i + k > n or tuple(text.folded[i : i + k]) != alias.tokens:
                continue
            # The words of a name stand together: spaces or a hyphen, no punctuation.
            if any(text.gap_before(j).strip() not in ("", "-") for j in range(i + 1, i + k)):
                continue
            if not _case_ok(alias, text, i):
                continue
            found = alias
            break
        if found is None:
            i += 1
            continue
        hits.append(_Hit(found, i, i + len(found.tokens) - 1, found.targets))
        i += len(found.tokens)
    return hits


def _starts_name(index: Index, text: _Text, i: int) -> bool:
    return any(
        tuple(text.folded[i : i + len(a.tokens)]) == a.tokens
        for a in index.by_first.get(text.folded[i], ())
    )


def _first_name_before(index: Index, text: _Text, hit: _Hit) -> bool:
    """A capitalised word we do not know right before the name: `Jordan Lukaku`, `Union
    Berlin`'s mirror `Racing Mechelen`. At the start of a sentence every word is capitalised,
    so there only a person's surname counts, after a word that is not a Dutch sentence
    opener, a role, an adjective or a verb (`Volgens Lukaku`, `Coach Still`, `Sterke
    Defour`, `Blijft Lukaku` are the person; `Jordan Lukaku` is not)."""
    prev = hit.first - 1
    if prev < 0 or not text.joined(hit.first):
        return False
    token = text.tokens[prev][0]
    if not is_titlecase(token) or _starts_name(index, text, prev):
        return False
    if not text.sentence_start(prev):
        return True
    word = text.folded[prev]
    return (
        hit.alias.kind == "surname"
        and word not in SENTENCE_OPENERS
        and word not in ROLE_WORDS
        and word not in DETERMINERS
        and not ADJECTIVE_ENDING.search(word)
        and not VERB_ENDING.search(word)
    )


def _glued_to_other_name(index: Index, text: _Text, hit: _Hit) -> bool:
    """`Club América`, `Union Berlin`, `Queens Park Rangers`: part of a name we don't know."""
    nxt = hit.last + 1
    if nxt < len(text.tokens) and text.joined(nxt):
        token = text.tokens[nxt][0]
        if (
            is_titlecase(token)
            and text.folded[nxt] not in CLUB_SUFFIXES
            and not _starts_name(index, text, nxt)
        ):
            return True
    return _first_name_before(index, text, hit)


def _inside_acronym_name(text: _Text, hit: _Hit) -> bool:
    """A city after capitals (`KU Leuven`, `KRC Mechelen`), or an abbreviation before a
    capitalised word (the `KRC` of `KRC Mechelen`): part of a name we do not know."""
    alias = hit.alias
    prev = hit.first - 1
    if alias.is_city and prev >= 0 and text.joined(hit.first):
        token = text.tokens[prev][0]
        if ACRONYM.match(token) and token not in UPPERCASE_LABELS:
            return True
    nxt = hit.last + 1
    return (
        alias.is_abbreviation
        and nxt < len(text.tokens)
        and text.joined(nxt)
        and is_titlecase(text.tokens[nxt][0])
        and text.folded[nxt] not in CLUB_SUFFIXES
    )


def _local_ok(index: Index, text: _Text, hit: _Hit) -> bool:
    """Checks that only look at the words around a mention."""
    alias = hit.alias
    prev = hit.first - 1
    prev_word = text.folded[prev] if prev >= 0 else ""
    if len(alias.tokens) == 1 and (
        _glued_to_other_name(index, text, hit) or _inside_acronym_name(text, hit)
    ):
        return False
    if alias.is_word and alias.tokens[0] in DUTCH_NOUNS and prev_word in DETERMINERS:
        return False
    nxt = hit.last + 1
    following = text.folded[nxt : nxt + 3]
    if len(alias.tokens) == 1 and following and text.joined(nxt) and following[0] in CIVIC_AFTER:
        return False
    if alias.is_city:
        before = {prev_word}
        if prev_word == "van" and prev >= 1:
            before.add(text.folded[prev - 1])
        if before & CIVIC_BEFORE:
            return False
        if (
            len(following) == 3
            and following[0] in ("is", "was", "blijft")
            and following[1] in ("een", "de")
            and following[2] in PLACE_NOUNS
        ):
            return False
    if alias.is_word and alias.kind == "surname":
        # `Still, it was ...`: an English adverb opening a sentence.
        nxt_gap = text.text[text.tokens[hit.last][2] : text.tokens[hit.last][2] + 1]
        if text.sentence_start(hit.first) and nxt_gap == ",":
            return False
    return True


def _role_before(text: _Text, hit: _Hit) -> bool:
    prev = hit.first - 1
    return prev >= 0 and text.folded[prev] in ROLE_WORDS


def tag(text: str, index: Index) -> TagResult:
    """The clubs and people `text` speaks of, each with the words that named them."""
    doc = _Text(text)
    hits: list[_Hit] = []
    # People whose surname the text also gives to someone we do not know (`Jordan Lukaku`):
    # their surname alone is undecidable in this text.
    namesakes: set[str] = set()
    for h in _match(index, doc):
        if _local_ok(index, doc, h):
            hits.append(h)
        elif h.alias.kind == "surname" and _first_name_before(index, doc, h):
            namesakes.update(t.key for t in h.alias.targets)

    confirmed: dict[tuple[str, str], Entity] = {}
    positions: dict[tuple[str, str], list[int]] = defaultdict(list)
    kept: list[_Hit] = []

    def keep(hit: _Hit, entity: Entity, rule: str) -> None:
        hit.targets = (entity,)
        hit.rule = rule
        kept.append(hit)
        ident = (entity.kind, entity.key)
        confirmed[ident] = entity
        positions[ident].append(hit.first)

    # 1. Unambiguous names of one club, full names of one person.
    pending: list[_Hit] = []
    for hit in hits:
        a = hit.alias
        if not a.ambiguous and not a.is_word and a.kind == "name":
            keep(hit, a.targets[0], "naam")
        else:
            pending.append(hit)

    def career_context(entity: Entity) -> bool:
        return any((CLUB, c) in confirmed for c in entity.clubs)

    # 2. Ordinary words that are club names: at home as they are, abroad only when confirmed.
    rest: list[_Hit] = []
    for hit in pending:
        a = hit.alias
        if a.is_word and a.kind == "name" and not a.ambiguous:
            club = a.targets[0]
            if club.kind != CLUB:
                rest.append(hit)
                continue
            people = [e for e in confirmed.values() if e.kind == PERSON]
            if (
                a.tokens[0] not in DUTCH_NOUNS
                or club.country == index.home_country
                or (CLUB, club.key) in confirmed
                or any(club.key in p.clubs for p in people)
            ):
                keep(hit, club, "woord in context")
        else:
            rest.append(hit)

    # 3. Names shared by several clubs: the one the text names (nearest before the mention).
    pending, rest = rest, []
    for hit in sorted(pending, key=lambda h: h.first):
        a = hit.alias
        if a.ambiguous and all(t.kind == CLUB for t in a.targets):
            named = [t for t in a.targets if (CLUB, t.key) in confirmed]
            if len(named) == 1:
                keep(hit, named[0], "gedeelde naam, context")
            elif len(named) > 1:

                def distance(t: Entity, first: int = hit.first) -> tuple[int, int]:
                    before = [p for p in positions[(CLUB, t.key)] if p < first]
                    after = [p for p in positions[(CLUB, t.key)] if p > first]
                    return (first - max(before)) if before else 10**6, (
                        (min(after) - first) if after else 10**6
                    )

                ranked = sorted(named, key=distance)
                if distance(ranked[0]) != distance(ranked[1]):
                    keep(hit, ranked[0], "gedeelde naam, dichtstbij")
            else:
                people = [e for e in confirmed.values() if e.kind == PERSON]
                via = {t.key: t for t in a.targets if any(t.key in p.clubs for p in people)}
                if len(via) == 1:
                    keep(hit, next(iter(via.values())), "gedeelde naam, via persoon")
        else:
            rest.append(hit)

    # 4. People by surname (or a name shared by several people).
    for hit in rest:
        a = hit.alias
        candidates = [t for t in a.targets if t.kind == PERSON]
        if not candidates or (a.kind == "surname" and any(c.key in namesakes for c in candidates)):
            continue
        named = [c for c in candidates if (PERSON, c.key) in confirmed]
        if len(named) == 1:
            keep(hit, named[0], "familienaam na volledige naam")
            continue
        if a.is_word:
            ok = [c for c in candidates if career_context(c) or _role_before(doc, hit)]
            if len(ok) == 1:
                keep(hit, ok[0], "familienaam in context")
            continue
        if len(candidates) == 1:
            keep(hit, candidates[0], "familienaam")
            continue
        via = [c for c in candidates if career_context(c)]
        if len(via) == 1:
            keep(hit, via[0], "familienaam, via club")

    by_entity: dict[tuple[str, str], Suggestion] = {}
    for hit in sorted(kept, key=lambda h: h.first):
        entity = hit.targets[0]
        start = doc.tokens[hit.first][1]
        end = doc.tokens[hit.last][2]
        suggestion = by_entity.setdefault((entity.kind, entity.key), Suggestion(entity))
        suggestion.mentions.append(Mention(entity, start, end, text[start:end], hit.rule))
    ordered = list(by_entity.values())
    return TagResult(
        clubs=[s for s in ordered if s.entity.kind == CLUB],
        people=[s for s in ordered if s.entity.kind == PERSON],
    )
