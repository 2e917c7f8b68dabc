"""Reads a page dump in the seed's text format and turns it into articles.

The format (see kopbal/news/demo/seed.txt): headline; `door` and the author; the lead;
body paragraphs, all-caps subheadings, quotes ending in `aldus X in Medium`; a
`LEES OOK: <headline>` line; a reader poll question; `Meest recent` with headline, teaser
and comment count per item; `Meer sportnieuws`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kopbal.football.actions import apply_suggestions

from .models import ArticlePage, ArticlePageAuthor, Author
from .setup import ensure_site_structure, section_for

MAX_BYTES = 5 * 1024 * 1024
LATEST_MARKER = "meest recent"
MORE_MARKER = "meer sportnieuws"
READ_ALSO = re.compile(r"^LEES OOK\s*:\s*(?P<headline>.+)$", re.IGNORECASE)
QUOTE = re.compile(
    r"""^["“„'‘](?P<text>.+?)["”'’]\s*[,.]?\s+
        (?:aldus|zegt|zei|vertelt|vertelde|klinkt\ het\ bij)\s+
        (?P<speaker>[^.]+?)
        (?:\s+(?:in|aan|bij|tegen|op)\s+(?P<medium>[^.]+?))?\s*\.?$""",
    re.VERBOSE | re.DOTALL,
)
COUNT = re.compile(r"^\d{1,7}$")
FOREIGN_WORDS = (
    "ajax",
    "napoli",
    "conte",
    "genoa",
    "rangers",
    "celtic",
    "barça",
    "barca",
    "kompany",
    "tah",
    "atlético",
    "atletico",
    "burnley",
    "porto",
    "premier league",
    "bundesliga",
)


class ImportError_(Exception):
    """Bad input, with a message for the editor (in Dutch)."""


@dataclass
class LatestItem:
    headline: str
    teaser: str
    comment_count: int


@dataclass
class ParsedPage:
    headline: str
    author: str | None
    lead: str
    body: list[tuple[str, object]] = field(default_factory=list)
    read_also: str | None = None
    poll_question: str | None = None
    latest: list[LatestItem] = field(default_factory=list)


def decode(data: bytes) -> str:
    if not data.strip():
        raise ImportError_("Het bestand is leeg.")
    if len(data) > MAX_BYTES:
        raise ImportError_(f"Het bestand is te groot (meer dan {MAX_BYTES // 1024 // 1024} MB).")
    if b"\x00" in data:
        raise ImportError_("Dit is geen tekstbestand (binaire inhoud).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(
            f"Het bestand is geen geldige UTF-8-tekst (byte {exc.start}); "
            "sla het op als UTF-8 en probeer opnieuw."
        ) from exc


def _blocks(lines: list[str]) -> list[str]:
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def _is_subheading(block: str) -> bool:
    letters = [c for c in block if c.isalpha()]
    return "\n" not in block and len(block) <= 60 and bool(letters) and block.upper() == block


def _is_headline(line: str) -> bool:
    return 0 < len(line) <= 250 and any(c.isalpha() for c in line) and "\n" not in line


def parse(text: str) -> ParsedPage:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lower = [line.strip().lower() for line in lines]
    latest_at = lower.index(LATEST_MARKER) if LATEST_MARKER in lower else len(lines)
    end_at = lower.index(MORE_MARKER) if MORE_MARKER in lower else len(lines)

    blocks = _blocks(lines[:latest_at])
    if not blocks or not _is_headline(blocks[0]) or blocks[0].lower().startswith("door"):
        raise ImportError_("Geen kop gevonden: de eerste regel moet de titel van het artikel zijn.")
    headline, rest = blocks[0], blocks[1:]

    author = None
    if rest and (rest[0].lower() == "door" or rest[0].lower().startswith(("door\n", "door "))):
        name = rest[0][4:].strip()
        # Some dumps repeat the headline where the author's name was: no author then.
        author = name if name and name != headline else None
        rest = rest[1:]
    if not rest:
        raise ImportError_("Geen lead gevonden onder de kop.")
    parsed = ParsedPage(headline=headline, author=author, lead=rest[0])

    for block in rest[1:]:
        read_also = READ_ALSO.match(block)
        quote = QUOTE.match(block)
        if read_also:
            parsed.read_also = read_also["headline"].strip()
            parsed.body.append(("read_also", parsed.read_also))
        elif _is_subheading(block):
            parsed.body.append(("subheading", block))
        elif quote:
            parsed.body.append(
                (
                    "quote",
                    {
                        "text": quote["text"].strip(),
                        "speaker": quote["speaker"].strip(),
                        "medium": (quote["medium"] or "").strip(),
                    },
                )
            )
        else:
            parsed.body.append(("paragraph", block))
    # A single question line closing the article, after the body, is the reader poll.
    if parsed.body and parsed.body[-1][0] == "paragraph":
        last = parsed.body[-1][1]
        if "\n" not in last and last.endswith("?") and len(last) <= 200 and len(parsed.body) > 1:
            parsed.poll_question = last
            parsed.body.pop()

    parsed.latest = _parse_latest(lines[latest_at + 1 : end_at])
    return parsed


def _parse_latest(lines: list[str]) -> list[LatestItem]:
    items: list[LatestItem] = []
    pending: list[str] = []
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        if COUNT.match(line):
            if pending:
                headline, teaser = pending[0], " ".join(pending[1:])
                items.append(LatestItem(headline, teaser, int(line)))
                pending = []
            continue  # the dump repeats each count
        pending.append(line)
    if pending:
        items.append(LatestItem(pending[0], " ".join(pending[1:]), 0))
    return items


def _section_slug(headline: str, lead: str) -> str:
    text = f"{headline} {lead}".lower()
    if "transfer" in headline.lower():
        return "transfers"
    if any(re.search(rf"\b{re.escape(w)}\b", text) for w in FOREIGN_WORDS):
        return "buitenlands-voetbal"
    return "belgisch-voetbal"


def _author(name: str | None) -> Author:
    name = name or "Redactie"
    author, _ = Author.objects.get_or_create(
        slug=slugify(name) or "redactie", defaults={"name": name}
    )
    return author


def _rich(paragraph: str) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in paragraph.split("\n"))


@dataclass
class ImportResult:
    created: list[ArticlePage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    article: ArticlePage | None = None


def _publish(page: ArticlePage, section, published_at) -> ArticlePage:
    page.first_published_at = published_at
    try:
        section.add_child(instance=page)
    except ValidationError as exc:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise ImportError_(f"Artikel „{page.title[:80]}” is ongeldig ({problems}).") from exc
    page.save_revision().publish()
    return page


def _create_article(
    headline, lead, *, teaser="", body=None, author=None, published_at, source_comment_count=0
) -> ArticlePage:
    page = ArticlePage(
        title=headline,
        lead=lead,
        teaser=teaser,
        body=body or [],
        source_comment_count=source_comment_count,
    )
    page.article_authors = [ArticlePageAuthor(author=author or _author(None))]
    apply_suggestions(page)  # the clubs and people it names, in its first revision
    return _publish(page, section_for(_section_slug(headline, lead)), published_at)


QUESTION_WORDS = {
    "wie",
    "wat",
    "welk",
    "welke",
    "waar",
    "waarom",
    "wanneer",
    "hoe",
    "hoeveel",
    "hoelang",
    "waarmee",
    "waarover",
    "waarvoor",
    "waarheen",
    "vanwaar",
    "wiens",
}


def import_poll(article: ArticlePage, question: str, result: ImportResult) -> None:
    """The dump's reader poll becomes a poll placed after the article body, as in the dump.

    A yes/no question (Dutch puts the verb first: `Is Defour …?`) gets `Ja` and `Nee`. The
    dump carries no answers, so any other question (`Wie …?`) is reported, not invented.
    One poll per question: importing the same question again reuses it.
    """
    from kopbal.polls.models import Answer, Poll

    first_word = re.split(r"[^\w]+", question.strip().lower(), maxsplit=1)[0]
    if first_word in QUESTION_WORDS:
        result.not_imported.append(
            f"peiling: {question} (geen ja/nee-vraag en de dump bevat geen antwoorden)"
        )
        return
    poll = Poll.objects.filter(question=question).first()
    if poll is None:
        poll = Poll(question=question)
        poll.answers = [Answer(text="Ja"), Answer(text="Nee")]
        poll.save()
    article.body.append(("poll", poll))
    article.save_revision().publish()


@transaction.atomic
def import_page(text: str, progress: Callable[[str], None] = lambda msg: None) -> ImportResult:
    """Import one dump in one transaction: on any error nothing is written."""
    parsed = parse(text)
    ensure_site_structure()
    result = ImportResult()
    now = timezone.now()
    total = 1 + len(parsed.latest) + (1 if parsed.read_also else 0)
    done = 0

    def step(message: str) -> None:
        nonlocal done
        done += 1
        progress(f"[{done}/{total}] {message}")

    def existing(headline: str) -> ArticlePage | None:
        return ArticlePage.objects.filter(title=headline).first()

    # The latest items first, so that the main article's `Lees ook` can point at one.
    for i, item in enumerate(parsed.latest):
        if existing(item.headline):
            result.skipped.append(item.headline)
            step(f"bestaat al: {item.headline}")
            continue
        lead = re.sub(r"\s*(\.\.\.|…)$", "", item.teaser)
        page = _create_article(
            item.headline,
            lead,
            teaser=item.teaser[:200],
            published_at=now - timedelta(minutes=10 * (i + 1)),
            source_comment_count=item.comment_count,
        )
        result.created.append(page)
        step(item.headline)

    body = []
    for kind, value in parsed.body:
        if kind == "paragraph":
            body.append(("paragraph", _rich(value)))
        elif kind == "read_also":
            target = existing(value)
            if target is None:
                # A stub the editors complete later; live so that the link leads somewhere.
                target = _create_article(value, value, published_at=now - timedelta(days=2))
                result.created.append(target)
                step(f"doelartikel voor LEES OOK aangemaakt: {value}")
            body.append(("read_also", {"page": target}))
        else:
            body.append((kind, value))

    article = existing(parsed.headline)
    if article is not None:
        result.skipped.append(parsed.headline)
        step(f"bestaat al: {parsed.headline}")
    else:
        article = _create_article(
            parsed.headline,
            parsed.lead,
            body=body,
            author=_author(parsed.author),
            published_at=now,
        )
        result.created.append(article)
        step(parsed.headline)
        if parsed.poll_question:
            import_poll(article, parsed.poll_question, result)
    result.article = article
    return result
