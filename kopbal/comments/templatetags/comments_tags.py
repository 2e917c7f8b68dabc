"""How a comment's plain text becomes HTML: escaped, paragraphs and line breaks kept,
http(s) and www. addresses linked with rel="nofollow ugc noopener". Nothing else."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kopbal.comments.rules import URL_RE

register = template.Library()

LINK_REL = "nofollow ugc noopener"
_TRAILING = ".,;:!?'\""
_MAX_SHOWN = 60


def _split_url(url: str) -> tuple[str, str]:
    """Trailing punctuation and an unbalanced closing bracket belong to the sentence."""
    tail = ""
    while url:
        if url[-1] in _TRAILING or url[-1] == ")" and url.count(")") > url.count("("):
            tail = url[-1] + tail
            url = url[:-1]
        else:
            break
    return url, tail


def _link(url: str) -> str:
    href = url if url.lower().startswith(("http://", "https://")) else "https://" + url
    shown = url if len(url) <= _MAX_SHOWN else url[: _MAX_SHOWN - 1] + "…"
    return f'<a href="{escape(href)}" rel="{LINK_REL}">{escape(shown)}</a>'


def linkify(text: str) -> str:
    """Escape `text`, linking the addresses in it."""
    out: list[str] = []
    pos = 0
    for match in URL_RE.finditer(text):
        url, tail = _split_url(match.group(1))
        if len(url) <= 4 or url.lower() in {"www.", "http://", "https://"}:
            continue
        out.append(escape(text[pos : match.start(1)]))
        out.append(_link(url))
        out.append(escape(tail))
        pos = match.end(1)
    out.append(escape(text[pos:]))
    return "".join(out)


@register.filter(is_safe=True)
def comment_text(value: str) -> SafeString:
    """Paragraphs for blank lines, <br> for single line breaks, links for addresses."""
    paragraphs = [p for p in (value or "").split("\n\n") if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(linkify(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece of reader text went through escape()
