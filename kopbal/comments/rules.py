"""The rules a comment goes through: text clean-up, closing, pre-moderation.

Pure functions plus two cached look-ups (the staff-editable settings and the banned-word
list), so that the article page and the posting path cost no extra queries for them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

RULES_CACHE_KEY = "kopbal:comments:rules:v1"
BANNED_WORDS_CACHE_KEY = "kopbal:comments:banned-words:v1"
# Staff edits reach every server process within this many seconds.
RULES_CACHE_SECONDS = 60

MAX_LENGTH = 2000

# Bidirectional overrides, embeddings and isolates can turn a comment (and what follows
# it on the page) around; readers never need to type them. Plain direction marks stay.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)
# Invisible characters used to sneak words past filters.
_INVISIBLE = dict.fromkeys([0x200B, 0x2060, 0xFEFF, 0x00AD], None)
_MAX_COMBINING = 3
_BLANK_LINES = re.compile(r"\n{3,}")

URL_RE = re.compile(
    r"""(?ix)
    \b(
      (?:https?://|www\.)            # scheme or www.
      [^\s<>"']+                     # the rest, up to whitespace or markup characters
    )
    """
)
_BARE_DOMAIN_RE = re.compile(
    r"(?i)\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|be|nl|eu|info|io|ru|xyz|biz"
    r"|top|shop|site|online|club|bet|casino|ly|me|co)\b"
)


@dataclass(frozen=True)
class Rules:
    auto_close_days: int = 14
    premoderate_first: int = 2
    max_links: int = 2
    report_threshold: int = 3
    edit_minutes: int = 5


def _load_rules() -> Rules:
    from .models import CommentSettings

    row = CommentSettings.load()
    return Rules(
        auto_close_days=row.auto_close_days,
        premoderate_first=row.premoderate_first,
        max_links=row.max_links,
        report_threshold=row.report_threshold,
        edit_minutes=row.edit_minutes,
    )


def current_rules() -> Rules:
    """The staff-editable rules, from the cache (one query a minute per site at most)."""
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rules = _load_rules()
        cache.set(RULES_CACHE_KEY, rules, RULES_CACHE_SECONDS)
    return rules


def forget_cached_rules() -> None:
    cache.delete_many([RULES_CACHE_KEY, BANNED_WORDS_CACHE_KEY])


# --- text ---------------------------------------------------------------------------


def clean_body(text: str) -> str:
    """What we store: normalised Unicode, no control or direction-override characters,
    no stacks of combining marks, at most one blank line in a row, no outer whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.translate(_BIDI_CONTROLS).translate(_INVISIBLE)
    text = "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}
    )
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    run = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in {"Mn", "Me"}:
            run += 1
            if run > _MAX_COMBINING:
                continue
        else:
            run = 0
        out.append(ch)
    lines = [line.rstrip() for line in "".join(out).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def count_links(text: str) -> int:
    """Links a reader would count: URLs with a scheme or www., and bare domain names."""
    with_scheme = URL_RE.findall(text)
    rest = URL_RE.sub(" ", text)
    return len(with_scheme) + len(_BARE_DOMAIN_RE.findall(rest))


# --- banned words ---------------------------------------------------------------------

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a", "€": "e"}
)
_TOKEN = re.compile(r"[\w$@€]+")


def _fold(text: str) -> str:
    """Lower case, no accents, leetspeak undone inside words that have letters."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))

    def unleet(match: re.Match) -> str:
        token = match.group(0)
        return token.translate(_LEET) if any(c.isalpha() for c in token) else token

    return _TOKEN.sub(unleet, text)


def banned_words() -> tuple[str, ...]:
    words = cache.get(BANNED_WORDS_CACHE_KEY)
    if words is None:
        from .models import BannedWord

        words = tuple(BannedWord.objects.values_list("word", flat=True))
        cache.set(BANNED_WORDS_CACHE_KEY, words, RULES_CACHE_SECONDS)
    return words


@lru_cache(maxsize=8)
def _banned_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    parts = []
    for word in words:
        folded = _fold(word.strip())
        if not folded:
            continue
        wildcard = folded.endswith("*")
        core = r"\s+".join(re.escape(piece) for piece in folded.rstrip("*").split())
        if not core:
            continue
        parts.append(core + (r"\w*" if wildcard else ""))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def find_banned_word(text: str, words: tuple[str, ...] | None = None) -> str | None:
    """The first banned word in `text` (as written there), or None."""
    pattern = _banned_pattern(banned_words() if words is None else tuple(words))
    if pattern is None:
        return None
    match = pattern.search(_fold(text))
    return match.group(0) if match else None


# --- closing and pre-moderation ------------------------------------------------------


def closed_reason(page, rules: Rules | None = None, now=None) -> str | None:
    """Why nobody can comment on `page` now, or None when comments are open."""
    if not getattr(page, "accepts_comments", False):
        return _("Onder deze pagina kan je niet reageren.")
    if getattr(page, "comments_closed", False):
        return _("De redactie heeft de reacties onder dit artikel gesloten.")
    rules = rules or current_rules()
    published = page.first_published_at
    if (
        rules.auto_close_days
        and published
        and ((now or timezone.now()) >= published + timedelta(days=rules.auto_close_days))
    ):
        return ngettext(
            "De reacties sluiten %(days)d dag na publicatie.",
            "De reacties sluiten %(days)d dagen na publicatie.",
            rules.auto_close_days,
        ) % {"days": rules.auto_close_days}
    return None


def is_trusted(user) -> bool:
    """The newsroom (anyone who may use the Wagtail admin: editors, moderators) skips
    pre-moderation and cannot be banned from the moderation screens."""
    return bool(
        user.is_staff
        or user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or user.has_perm("comments.moderate_comment")
    )


def hold_reasons(*, user, page, body: str, approved_count: int, rules: Rules) -> list[str]:
    """Why a new or edited comment must wait for a moderator; empty: publish it."""
    if is_trusted(user):
        return []
    reasons = []
    if getattr(page, "comments_premoderated", False):
        reasons.append(_("artikel: alle reacties eerst nakijken"))
    word = find_banned_word(body)
    if word:
        reasons.append(_("verboden woord: %(word)s") % {"word": word})
    links = count_links(body)
    if links > rules.max_links:
        reasons.append(_("%(count)d links") % {"count": links})
    if approved_count < rules.premoderate_first:
        reasons.append(
            _("nieuwe lezer (%(count)d goedgekeurde reacties)") % {"count": approved_count}
        )
    return reasons


def rate(scope: str) -> dict:
    """The rate limit for `scope` (post, like, report) from settings, as kwargs for allow()."""
    per_user, per_ip, window = settings.KOPBAL_COMMENT_RATE_LIMITS[scope]
    return {"per_user": per_user, "per_ip": per_ip, "window": window}
