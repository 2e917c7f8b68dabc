"""Articles meet the tagger: the text of an article (saved or still in the edit form), the
suggestions for it, and the words that triggered them with a bit of context for the editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .index import get_index
from .tagger import CLUB, Mention, Suggestion, TagResult, tag

SNIPPET_CONTEXT = 40  # characters on either side of a mention


def _body_block():
    from kopbal.news.models import ArticlePage

    return ArticlePage._meta.get_field("body").stream_block


def body_text(body) -> list[str]:
    """What a reader reads in a StreamField body (not the targets of `Lees ook` links)."""
    if body is None:
        return []
    return [str(part) for part in _body_block().get_searchable_content(body) if part]


def article_text(page) -> str:
    """Headline, lead and body of an article, one paragraph per line."""
    parts = [page.title or "", page.lead or "", *body_text(page.body)]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def text_from_form_data(data: QueryDict) -> str:
    """The same text from the edit form as it stands (unsaved). Raises ValueError on garbage."""
    block = _body_block()
    try:
        body = block.value_from_datadict(data, {}, "body") if "body-count" in data else None
        paragraphs = body_text(body)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ValidationError) as exc:
        # A mangled StreamField POST: the editor gets a Dutch 400, not a 500.
        raise ValueError("body") from exc
    parts = [data.get("title", ""), data.get("lead", ""), *paragraphs]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def suggest(text: str) -> TagResult:
    return tag(text, get_index())


def entity_key(suggestion: Suggestion) -> str:
    return f"{suggestion.entity.kind}:{suggestion.entity.pk}"


def snippet(text: str, mention: Mention, width: int = SNIPPET_CONTEXT) -> SafeString:
    """`… loodste hij de <mark>Maneblussers</mark> ook naar …`, escaped around the mark."""
    start = max(0, mention.start - width)
    end = min(len(text), mention.end + width)
    if start > 0 and " " in text[start : mention.start]:
        start = text.index(" ", start) + 1
    if end < len(text) and " " in text[mention.end : end]:
        end = text.rindex(" ", mention.end, end)
    before = " ".join(text[start : mention.start].split())
    after = " ".join(text[mention.end : end].split())
    html = (
        ("… " if start > 0 else "")
        + escape(before)
        + (" " if text[mention.start - 1 : mention.start].isspace() else "")
        + f"<mark>{escape(mention.text)}</mark>"
        + (" " if text[mention.end : mention.end + 1].isspace() else "")
        + escape(after)
        + (" …" if end < len(text) else "")
    )
    return mark_safe(html)  # noqa: S308 - every piece of text above is escaped


@dataclass
class SuggestionView:
    """A suggestion as the editor sees it."""

    key: str
    kind: str
    id: int
    name: str
    url: str
    words: list[str]
    snippets: list[str]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "words": self.words,
            "snippets": self.snippets,
        }


def suggestion_views(text: str, result: TagResult, max_snippets: int = 3) -> list[SuggestionView]:
    from django.urls import reverse

    views = []
    for suggestion in [*result.clubs, *result.people]:
        entity = suggestion.entity
        route = "football:club" if entity.kind == CLUB else "football:person"
        views.append(
            SuggestionView(
                key=entity_key(suggestion),
                kind=entity.kind,
                id=entity.pk or 0,
                name=entity.name,
                url=reverse(route, kwargs={"slug": entity.key}),
                words=suggestion.words,
                snippets=[str(snippet(text, m)) for m in suggestion.mentions[:max_snippets]],
            )
        )
    return views
