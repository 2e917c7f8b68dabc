"""The links on every comment, built by string formatting from URL patterns reversed once:
a page shows hundreds of comments with seven links each, and reverse() per link was the
largest single cost of rendering them."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse

_MARKER = 987654321
_NAMES = {
    "like": "comments:like",
    "report": "comments:report",
    "edit": "comments:edit",
    "delete": "comments:delete",
    "thread": "comments:thread",
    "compose": "comments:compose",
    "author": "users:profile",
}


@lru_cache(maxsize=4)
def _formats(script_prefix: str) -> dict[str, str]:
    return {
        key: reverse(name, args=[_MARKER]).replace(str(_MARKER), "{}")
        for key, name in _NAMES.items()
    }


def comment_links(comment) -> dict[str, str]:
    f = _formats(get_script_prefix())
    pk = comment.pk
    return {
        "like": f["like"].format(pk),
        "report": f["report"].format(pk),
        "edit": f["edit"].format(pk),
        "delete": f["delete"].format(pk),
        "reply": f["compose"].format(comment.page_id) + f"?antwoord={pk}",
        "permalink": f["thread"].format(comment.root_id or pk) + f"#reactie-{pk}",
        "thread": f["thread"].format(pk),
        "author": f["author"].format(comment.author_id),
    }
