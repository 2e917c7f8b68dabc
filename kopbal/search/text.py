"""Dutch text for search: accent folding, stop words, stems, and highlighted excerpts.

The same functions serve the index and the query, so that `Vázquez` finds `Vazquez` and
`transfer` finds `transfers` on every database. Stems come from Snowball's `dutch_porter`,
the algorithm behind PostgreSQL's `dutch` text search configuration, so SQLite and
PostgreSQL agree on what matches what.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# PostgreSQL's dutch.stop (Snowball's list): dropped from index and queries alike.
_STOP_WORDS_TEXT = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
    maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der
    daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets
    worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens
    hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw
    iemand geweest andere"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "þ": "th",
        "ð": "d",
    }
)
WORD = re.compile(r"\w+", re.UNICODE)
_local = threading.local()


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lowercase without accents: `Modrić` → `modric`, `wéér` → `weer`."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return _COMBINING.sub("", text).lower()


def _stemmer():
    # Snowball stemmers keep state between calls: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer


# Loan verbs in -eren (transfereren, blesseren, kwalificeren) are what football news
# writes in the past participle: `getransfereerd`. Snowball's `dutch_porter` (and so
# PostgreSQL's `dutch`) leaves `ge-…-eerd` alone, so `transfer` would not find it. These
# forms are reduced to the verb's root before stemming, on both databases: getransfereerd,
# getransfereerde, transfereren, transfereert, transfereerde → `transfer`. The root must
# keep five letters, so that short words (`geleerd`, `verkeerd`, `Lokeren`, `Beveren`)
# are left as they are.
_PARTICIPLE = re.compile(r"ge([a-z]{5,}?)eerd(?:e|en)?")
_LOAN_VERB = re.compile(r"([a-z]{5,}?)(?:eren|eert|eerde|eerden)")


def lemma(word: str) -> str:
    """A folded word with the forms of an -eren loan verb reduced to its root."""
    match = _PARTICIPLE.fullmatch(word) or _LOAN_VERB.fullmatch(word)
    return match.group(1) if match else word


def normalize(text: str) -> str:
    """Folded text with loan-verb forms reduced: what PostgreSQL's `dutch` then stems."""
    return WORD.sub(lambda m: lemma(m.group()), fold(text))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Dutch stem of one folded word: `spelers` → `speler`, `getransfereerd` → `transfer`."""
    return _stemmer().stemWord(lemma(word))


def words(text: str) -> list[str]:
    """Folded words, punctuation dropped: the tokens both the index and queries use."""
    return WORD.findall(fold(text))


def stemmed(text: str) -> str:
    """Text as the SQLite index stores it: folded, stop words out, every word stemmed."""
    return " ".join(stem(w) for w in words(text) if w not in STOP_WORDS)


@dataclass
class ParsedQuery:
    """A reader's query: loose words (all must match) and quoted phrases."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    dropped_stop_words: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def stems(self) -> set[str]:
        found = {stem(t) for t in self.terms}
        for phrase in self.phrases:
            found.update(stem(w) for w in phrase if w not in STOP_WORDS)
        return found

    def as_search_query(self):
        """The modelsearch query: every word and every phrase must match."""
        from wagtail.search.query import And, Phrase, PlainText

        parts = []
        if self.terms:
            parts.append(PlainText(" ".join(self.terms), operator="and"))
        parts.extend(Phrase(" ".join(p)) for p in self.phrases)
        return parts[0] if len(parts) == 1 else And(parts)


_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]')


def parse_query(raw: str) -> ParsedQuery:
    """Words and "quoted phrases"; punctuation, operators and stop words are ignored."""
    parsed = ParsedQuery()
    seen: set[str] = set()

    def add_terms(text: str) -> None:
        for word in words(text):
            if word in STOP_WORDS:
                parsed.dropped_stop_words = True
            elif word not in seen:
                seen.add(word)
                parsed.terms.append(word)

    last = 0
    for match in _QUOTED.finditer(raw):
        add_terms(raw[last : match.start()])
        last = match.end()
        phrase = words(next(g for g in match.groups() if g is not None))
        meaningful = [w for w in phrase if w not in STOP_WORDS]
        if len(meaningful) >= 2:
            parsed.phrases.append(phrase)
        else:
            add_terms(" ".join(phrase))
    add_terms(raw[last:])
    return parsed


def excerpt(text: str, stems: set[str], length: int = 220) -> SafeString:
    """The passage of `text` with the most query words, those words in <mark>.

    Without a hit it is the start of the text, cut at a word boundary.
    """
    text = " ".join(text.split())
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    spans = [(m.start(), m.end(), stem(fold(m.group()))) for m in WORD.finditer(text)]
    hits = [i for i, (_, _, s) in enumerate(spans) if s in stems]
    if hits:
        # The window of `length` characters that covers the most hits, starting at a hit.
        best_start, best_count = hits[0], 0
        for i in hits:
            limit = spans[i][0] + length
            count = sum(1 for j in hits if j >= i and spans[j][1] <= limit)
            if count > best_count:
                best_start, best_count = i, count
        # Start a few words before the first hit, at a sentence start when there is one near.
        start_word = max(0, best_start - 6)
        start = spans[start_word][0]
        sentence = text.rfind(". ", 0, spans[best_start][0])
        if sentence != -1 and sentence + 2 >= start - 40 and spans[best_start][0] - sentence < 120:
            start = sentence + 2
        if start_word == 0 and spans[best_start][0] < length // 2:
            start = 0
    else:
        start = 0
    end = start + length
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    hit_spans = [(a, b) for a, b, s in spans if s in stems and a >= start and b <= end]
    out = ["…"] if start > 0 else []
    pos = start
    for a, b in hit_spans:
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def highlight(text: str, stems: set[str]) -> SafeString:
    """`text` escaped, with the words that match the query in <mark> (for headlines)."""
    out, pos = [], 0
    for m in WORD.finditer(text):
        if stem(fold(m.group())) in stems:
            out.append(escape(text[pos : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
