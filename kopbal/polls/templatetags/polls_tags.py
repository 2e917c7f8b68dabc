from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kopbal.core.pagecache import add_tags, fragment
from kopbal.core.personal import BLANK
from kopbal.polls.choices import PollState
from kopbal.polls.models import Poll, load_polls
from kopbal.polls.presentation import poll_context, poll_form_tag, poll_tag, token_shows

register = template.Library()


@register.simple_tag(takes_context=True)
def poll_box(context: template.Context, poll: Poll | int | None) -> SafeString:
    """The poll as every reader of a (cacheable) page gets it; polls.js personalises it.

    `poll` may be a Poll or its id (`page.featured_poll_id`: from the cache, or one query
    with the answers). What every reader of a page gets (the question and its buttons, or
    a closed poll's results) is kept rendered until the poll changes (page-cache tags:
    `poll-<id>` for pages showing results, stale after each vote; `poll-<id>-form` for
    pages showing the form, stale only when the poll itself is edited).
    """
    if isinstance(poll, int):
        poll = load_polls([poll]).get(poll)
    if poll is None:
        return mark_safe("")
    request = context.get("request")
    shown = token_shows(request, poll)
    next_url = request.path if request is not None else "/"

    def render(csrf_token=BLANK) -> str:
        ctx = poll_context(
            poll,
            next_url=next_url,
            show_results=shown,
            message=_("Bedankt, je stem is geteld.") if shown else "",
        )
        return render_to_string("components/poll.html", {**ctx, "csrf_token": csrf_token})

    if request is None:
        return mark_safe(render(context.get("csrf_token")))  # noqa: S308 - our own template
    state = poll.state()
    results = (shown or state == PollState.CLOSED) and state != PollState.UPCOMING
    tag = poll_tag(poll) if results else poll_form_tag(poll)
    if shown:  # this reader's own no-JS answer: rendered for them only
        add_tags(request, {tag})
        return mark_safe(render(context.get("csrf_token")))  # noqa: S308
    # The opening and closing times are shown as `vandaag, 13u30`: the day is in the name.
    name = f"poll:{poll.pk}:{state.value}:{timezone.localdate()}:{next_url}"
    return fragment(request, name, {tag}, render)
