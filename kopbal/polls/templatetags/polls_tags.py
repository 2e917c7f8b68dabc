from django import template
from django.utils.translation import gettext as _

from kopbal.core.pagecache import add_tags
from kopbal.polls.models import Poll, load_polls
from kopbal.polls.presentation import poll_context, poll_form_tag, poll_tag, token_shows

register = template.Library()


@register.inclusion_tag("components/poll.html", takes_context=True)
def poll_box(context: template.Context, poll: Poll | int | None) -> dict:
    """The poll as every reader of a (cacheable) page gets it; polls.js personalises it.

    `poll` may be a Poll or its id (`page.featured_poll_id`: one query with the answers).
    """
    if isinstance(poll, int):
        poll = load_polls([poll]).get(poll)
    if poll is None:
        return {"poll": None}
    request = context.get("request")
    shown = token_shows(request, poll)
    next_url = request.path if request is not None else "/"
    ctx = poll_context(
        poll,
        next_url=next_url,
        show_results=shown,
        message=_("Bedankt, je stem is geteld.") if shown else "",
    )
    if request is not None:
        # For the page cache: a page showing results goes stale with each vote (`poll-<id>`);
        # one showing the form only when the poll itself is edited (`poll-<id>-form`).
        add_tags(request, {poll_tag(poll) if ctx["results"] else poll_form_tag(poll)})
    ctx["request"] = request
    ctx["csrf_token"] = context.get("csrf_token")
    return ctx
