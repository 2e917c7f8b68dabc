"""Teasers as the seed shows them. (Clean, unique slugs come from Wagtail's Page.full_clean
with WAGTAIL_ALLOW_UNICODE_SLUGS off.)"""

import re

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z0-9\"“‘'À-Ý])")


def make_teaser(lead: str, length: int = 95) -> str:
    """The lead's first sentence; when too long, cut at a word boundary with ` ...` as in the
    seed's `Meest recent`."""
    text = " ".join(lead.split())
    if not text:
        return ""
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= length:
        return first
    cut = first[: length + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:length]
    return f"{cut.rstrip(' ,;:-–')} ..."
