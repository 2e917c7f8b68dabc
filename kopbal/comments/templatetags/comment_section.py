"""The article's comment section, kept rendered between page renders (see
kopbal/core/pagecache.py `fragment`)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from kopbal.comments.rules import closed_reason
from kopbal.comments.threads import comments_context, parse_order
from kopbal.core.pagecache import fragment
from kopbal.core.personal import BLANK

register = template.Library()

# Purged when the comment rules change (comments closed everywhere, say).
RULES_TAG = "comment-rules"


@register.simple_tag(takes_context=True)
def comment_section(context: template.Context, page) -> SafeString:
    """Shared by every reader, rendered again only when a comment under the article, the
    article itself or the rules change: on the 1279-comment story it is most of a render."""
    request = context["request"]
    order = parse_order(request.GET.get("volgorde"))

    def render() -> str:
        shared = {"page": page, "csrf_token": BLANK, **comments_context(page, request)}
        return render_to_string("components/comments.html", shared)

    # Comments close by themselves some days after publication: no purge says so, the name
    # does (the rules are cached in the process: no query). So does the day: comments read
    # `vandaag, 13u30`, then `gisteren`.
    state = "dicht" if closed_reason(page) else "open"
    name = f"comments:{page.pk}:{order}:{state}:{timezone.localdate()}"
    return fragment(request, name, {f"page-{page.pk}", RULES_TAG}, render)
