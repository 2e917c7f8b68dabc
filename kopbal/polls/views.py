"""Voting, the poll page and the reader's poll state. Views parse, call an action, render.

A vote is a plain form POST (one button per answer). Without JavaScript the answer is a
303 back to the article (see presentation.py) or a Dutch page with the right status; with
JavaScript (`Accept: application/json`) the same view answers JSON with the new HTML.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kopbal.core.pagecache import same_origin
from kopbal.core.ratelimit import anonymised, client_ip, hit, too_many_requests

from .actions import VoteRefused, check_ballot, do_cast_vote, reader_choices
from .conf import setting
from .models import Poll, load_polls
from .presentation import poll_context, safe_next, token_shows, with_token
from .voters import new_voter_key, read_voter_key, set_voter_cookie

MAX_STATE_IDS = 20


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _reader(request: HttpRequest):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _answer(
    request: HttpRequest,
    poll: Poll | None,
    *,
    status: int,
    message: str,
    choice: int | None = None,
    show_results: bool = False,
    next_url: str | None = None,
    fresh: bool = False,
) -> HttpResponse:
    """One poll, as JSON for polls.js or as the poll page, with `status`."""
    back = next_url or (poll.get_absolute_url() if poll else "/")
    if poll is None:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=status)
        return render(
            request, "polls/poll_page.html", {"message": message, "back": back}, status=status
        )
    ctx = poll_context(
        poll, next_url=back, choice=choice, show_results=show_results, message=message, fresh=fresh
    )
    if _wants_json(request):
        html = render_to_string("polls/_poll_body.html", ctx, request=request)
        return JsonResponse(
            {
                "ok": status < 400,
                "message": message,
                "html": html,
                "state": ctx["state"],
                "total": ctx["results"].total if ctx["results"] else None,
            },
            status=status,
        )
    ctx["back"] = back
    return render(request, "polls/poll_page.html", ctx, status=status)


def _limited(response: HttpResponse, window: int) -> HttpResponse:
    response["Retry-After"] = str(window)
    return response


def _from_our_pages(request: HttpRequest) -> bool:
    """CSRF for a form that cached pages carry without a token (see core.pagecache): the
    post must come from one of our pages (Origin/Referer), or carry a valid token."""
    if same_origin(request):
        return True
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


@csrf_exempt
@require_POST
@never_cache
def vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    if not _from_our_pages(request):
        message = _(
            "Je stem kwam niet van een pagina van onze site. Herlaad het artikel en stem opnieuw."
        )
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=403)
        return render(
            request, "polls/poll_page.html", {"message": message, "back": "/"}, status=403
        )
    user = _reader(request)
    address = client_ip(request)
    next_url = safe_next(request, request.POST.get("next"))
    # Hammering is refused first, before it costs a query.
    window = setting("KOPBAL_POLL_ATTEMPTS_WINDOW")
    who = f"user:{user.pk}" if user else "ip:" + anonymised(address)
    limit = setting("KOPBAL_POLL_ATTEMPTS_PER_USER" if user else "KOPBAL_POLL_ATTEMPTS_PER_IP")
    if not hit("poll-vote", who, limit, window):
        message = _("Je stemt te snel na elkaar. Wacht even en probeer dan opnieuw.")
        if _wants_json(request):
            return _limited(JsonResponse({"ok": False, "message": message}, status=429), window)
        return too_many_requests(request, message, retry_after=window)
    poll = Poll.objects.with_answers().filter(pk=poll_id).first()
    if poll is None:
        return _answer(
            request,
            None,
            status=404,
            next_url=next_url,
            message=_("Deze peiling bestaat niet (meer)."),
        )

    raw = request.POST.get("answer", "")
    answer_id = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None
    voter_key = None if user else read_voter_key(request)
    if answer_id is None:
        return _answer(
            request,
            poll,
            status=400,
            next_url=next_url,
            message=_("Kies een van de antwoorden om te stemmen."),
        )
    new_voter = False
    try:
        check_ballot(poll, answer_id, user)
        if user is None and voter_key is None:
            # A vote without our cookie: every reader's first, and every vote of a script
            # that throws its cookies away. Limited per address so that it cannot stuff.
            new_window = setting("KOPBAL_POLL_NEW_VOTERS_WINDOW")
            if not hit(
                "poll-new-voter",
                anonymised(address),
                setting("KOPBAL_POLL_NEW_VOTERS_PER_IP"),
                new_window,
            ):
                return _limited(
                    _answer(
                        request,
                        poll,
                        status=429,
                        next_url=next_url,
                        message=_(
                            "Vanaf jouw netwerk werd de voorbije minuten heel vaak gestemd. "
                            "Probeer het later opnieuw."
                        ),
                    ),
                    new_window,
                )
            voter_key, new_voter = new_voter_key(), True
        vote = do_cast_vote(poll, answer_id, user=user, voter_key=voter_key, address=address)
    except VoteRefused as refused:
        choice = None
        if refused.show_results:
            choice = reader_choices([poll.pk], user, voter_key).get(poll.pk)
        response = _answer(
            request,
            poll,
            status=refused.status,
            message=refused.message,
            choice=choice,
            show_results=refused.show_results,
            next_url=next_url,
        )
        return response

    if _wants_json(request):
        response = _answer(
            request,
            poll,
            status=200,
            choice=vote.answer_id,
            next_url=next_url,
            message=_("Bedankt, je stem is geteld."),
        )
    else:
        response = HttpResponseRedirect(
            with_token(next_url or poll.get_absolute_url(), poll), status=303
        )
    if new_voter:
        set_voter_cookie(request, response, voter_key)
    return response


@require_GET
@never_cache
def detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    """A poll on a page of its own: the link to share, and where a no-JS vote can land."""
    poll = load_polls([poll_id]).get(poll_id)
    if poll is None:
        return _answer(request, None, status=404, message=_("Deze peiling bestaat niet (meer)."))
    user = _reader(request)
    choice = reader_choices([poll.pk], user, None if user else read_voter_key(request)).get(poll.pk)
    shown = token_shows(request, poll)
    return _answer(
        request,
        poll,
        status=200,
        choice=choice,
        show_results=shown,
        next_url=poll.get_absolute_url(),
        message=_("Bedankt, je stem is geteld.") if shown and choice else "",
    )


@require_GET
@never_cache
def state(request: HttpRequest) -> HttpResponse:
    """This reader's view of the polls on a page: results if they voted, else the form.

    Never cached (it is personal); it also hands out a fresh CSRF token, which the form of a
    page served from a shared cache would otherwise lack.
    """
    raw = request.GET.getlist("id")
    if (
        not raw
        or len(raw) > MAX_STATE_IDS
        or not all(r.isascii() and r.isdigit() and len(r) <= 18 for r in raw)
    ):
        return JsonResponse(
            {
                "message": _("Vraag de stand van 1 tot %(n)s peilingen, met hun nummer.")
                % {"n": MAX_STATE_IDS}
            },
            status=400,
        )
    ids = list(dict.fromkeys(int(r) for r in raw))
    next_url = safe_next(request, request.GET.get("next")) or "/"
    polls = load_polls(ids)  # from the cache: a reader without a vote costs no query
    user = _reader(request)
    choices = reader_choices(polls.keys(), user, None if user else read_voter_key(request))
    out: dict[str, dict | None] = {}
    for poll_id in ids:
        poll = polls.get(poll_id)
        if poll is None:
            out[str(poll_id)] = None
            continue
        choice = choices.get(poll_id)
        ctx = poll_context(poll, next_url=next_url, choice=choice)
        out[str(poll_id)] = {
            "state": ctx["state"],
            "voted": choice is not None,
            "choice": choice,
            "html": render_to_string("polls/_poll_body.html", ctx, request=request),
        }
    response = JsonResponse({"polls": out, "csrf": get_token(request)})
    response["Cache-Control"] = "private, no-store"
    return response
