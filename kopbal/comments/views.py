"""Reader-facing comment views. Each works as a plain form (POST, then a redirect to the
comment's anchor) and answers JSON when the page's script asks for it (Accept:
application/json). The article page itself stays the same for every reader: what depends
on who is looking comes from `state`, which the script fetches."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from kopbal.core.pagecache import mark_cacheable, same_origin
from kopbal.core.ratelimit import allow, anonymised, client_ip, too_many_requests

from .actions import (
    Banned,
    CommentError,
    active_ban,
    ban_message,
    can_edit,
    do_delete_comment,
    do_edit_comment,
    do_post_comment,
    do_report_comment,
    do_set_like,
)
from .choices import CommentStatus
from .forms import CommentForm, EditForm, LikeForm, ReportForm
from .models import Comment, CommentLike
from .rules import MAX_LENGTH, closed_reason, current_rules, rate
from .threads import (
    CommentNode,
    load_page,
    load_thread,
    more_url,
    parse_order,
    visible_count,
)

DRAFT_KEY = "comment_draft"


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _article(page_id: int):
    from kopbal.news.models import ArticlePage

    page = ArticlePage.objects.published().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


def _refuse(request: HttpRequest, error: CommentError) -> HttpResponse:
    """A CommentError as JSON for the script, or as a Dutch error page."""
    if wants_json(request):
        return JsonResponse(
            {"ok": False, "message": error.message, "field": error.field}, status=error.status
        )
    template = {403: "403.html", 404: "404.html", 429: "429.html"}.get(error.status, "400.html")
    return render(request, template, {"message": error.message}, status=error.status)


def _rate_limit_message(scope: str) -> str:
    return {
        "post": _("Je plaatste te veel reacties na elkaar. Wacht even en probeer opnieuw."),
        "like": _("Je gaf te veel likes na elkaar. Wacht even en probeer opnieuw."),
        "report": _("Je meldde te veel reacties na elkaar. Wacht even en probeer opnieuw."),
    }[scope]


def _rate_limited(request: HttpRequest, scope: str) -> HttpResponse | None:
    limits = rate(scope)
    if allow(request, f"comment-{scope}", **limits):
        return None
    message = _rate_limit_message(scope)
    if wants_json(request):
        response = JsonResponse({"ok": False, "message": message}, status=429)
        response["Retry-After"] = str(limits["window"])
        return response
    return too_many_requests(request, message, retry_after=limits["window"])


def _banned(request: HttpRequest) -> HttpResponse | None:
    ban = active_ban(request.user)
    return _refuse(request, Banned(ban)) if ban else None


def _login_needed(request: HttpRequest, next_url: str) -> HttpResponse:
    login_url = reverse("account_login") + "?next=" + quote(next_url)
    if wants_json(request):
        return JsonResponse(
            {"ok": False, "message": _("Log in om mee te doen."), "login_url": login_url},
            status=401,
        )
    return redirect(login_url)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def render_comment(request: HttpRequest, comment: Comment) -> str:
    return render_to_string(
        "comments/_comment.html",
        {"node": CommentNode(comment=comment, level=min(comment.depth, 2)), "viewer": request.user},
        request=request,
    )


def compose_url(page_id: int, parent: Comment | None = None) -> str:
    url = reverse("comments:compose", args=[page_id])
    return f"{url}?antwoord={parent.pk}" if parent else url


def _parent(page, raw) -> Comment | None:
    if raw in (None, ""):
        return None
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    parent = Comment.objects.filter(pk=pk, page_id=page.pk).select_related("author").first()
    if parent is None:
        raise Http404
    return parent


# --- writing ----------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def compose(request: HttpRequest, page_id: int) -> HttpResponse:
    """Write a comment or a reply: the page behind the form without JavaScript, and the
    endpoint the script posts to.

    The article page anonymous readers get comes from the page cache without a CSRF token
    (kopbal.core.pagecache). A post from them only keeps their text in their session and
    sends them to the login, so for them a same-origin check is enough; every post that
    writes a comment (a logged-in reader) goes through the full CSRF check."""
    if request.method == "POST" and not request.user.is_authenticated:
        if not same_origin(request):
            return _refuse(
                request,
                CommentError(_("Dit formulier kwam niet van onze site. Probeer opnieuw."), 403),
            )
        return _compose(request, page_id)
    return csrf_protect(_compose)(request, page_id)


def _compose(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _article(page_id)
    parent = _parent(page, request.POST.get("parent") or request.GET.get("antwoord"))
    here = compose_url(page.pk, parent)
    if request.method == "GET":
        if parent is not None and not parent.is_visible:
            raise Http404  # a held, removed or deleted comment is never quoted
        draft = request.session.get(DRAFT_KEY) or {}
        body = ""
        if draft.get("page") == page.pk and draft.get("parent") == (parent.pk if parent else None):
            body = draft.get("body", "")
        form = CommentForm(initial={"body": body, "parent": parent.pk if parent else None})
        return _render_compose(request, page, parent, form)

    if not request.user.is_authenticated:
        # Keep what they wrote: after logging in they land back on this form, filled in.
        request.session[DRAFT_KEY] = {
            "page": page.pk,
            "parent": parent.pk if parent else None,
            "body": request.POST.get("body", "")[: MAX_LENGTH * 4],
        }
        return _login_needed(request, here)
    form = CommentForm(request.POST)
    if wants_json(request):
        # The script keeps the text in the box whatever the answer.
        refused = _banned(request) or _rate_limited(request, "post")
        if refused:
            return refused
    else:
        ban = active_ban(request.user)
        if ban is not None:
            return _refuse_keeping_text(request, page, parent, form, Banned(ban))
        if not allow(request, "comment-post", **rate("post")):
            error = CommentError(_rate_limit_message("post"), status=429)
            return _refuse_keeping_text(request, page, parent, form, error)
    if not form.is_valid():
        return _form_error(request, form, lambda: _render_compose(request, page, parent, form, 400))
    try:
        comment = do_post_comment(
            user=request.user,
            page=page,
            body=form.cleaned_data["body"],
            parent=parent,
            ip_hash=anonymised(client_ip(request)),
        )
    except CommentError as error:
        if error.field:
            form.add_error(error.field, error.message)
            status = error.status
            return _form_error(
                request, form, lambda: _render_compose(request, page, parent, form, status)
            )
        if wants_json(request):
            return _refuse(request, error)
        return _refuse_keeping_text(request, page, parent, form, error)
    request.session.pop(DRAFT_KEY, None)
    held = comment.status == CommentStatus.PENDING
    message = (
        _("Bedankt! Je reactie verschijnt zodra een moderator ze heeft bekeken.")
        if held
        else _("Je reactie staat online.")
    )
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "id": comment.pk,
                "status": comment.status,
                "held": held,
                "message": message,
                "html": render_comment(request, comment),
                "url": comment.get_absolute_url(),
            },
            status=201,
        )
    # The message also keeps the next page from coming out of the shared page cache
    # (PersonalPageMiddleware): another worker may still hold the article without it.
    messages.success(request, message)
    if held or parent is not None:
        return redirect(comment.get_absolute_url())
    return redirect(f"{page.url}#{comment.anchor}")


def _form_error(request: HttpRequest, form, render_page) -> HttpResponse:
    if wants_json(request):
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return JsonResponse({"ok": False, "message": first, "errors": errors}, status=400)
    return render_page()


def _render_compose(
    request, page, parent, form, status: int = 200, refusal: str | None = None
) -> HttpResponse:
    return render(
        request,
        "comments/compose.html",
        {
            "page": page,
            "parent": parent,
            "form": form,
            "closed_reason": closed_reason(page, current_rules()),
            "ban_message": _ban_text(request),
            "comment_max_length": MAX_LENGTH,
            "refusal": refusal,
        },
        status=status,
    )


def _refuse_keeping_text(request, page, parent, form, error: CommentError) -> HttpResponse:
    """A refused post without JavaScript (blocked, too many, closed since the page was
    loaded, the parent gone): the reason, with the reader's text still there to copy or
    send again, never an error page that loses it."""
    response = _render_compose(request, page, parent, form, error.status, refusal=error.message)
    if error.status == 429:
        response["Retry-After"] = str(rate("post")["window"])
    return response


def _ban_text(request: HttpRequest) -> str | None:
    ban = active_ban(request.user)
    return ban_message(ban) if ban else None


def _own_comment(request: HttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("author", "page"), pk=pk)
    if comment.author_id != request.user.pk:
        raise CommentError(_("Dit is niet jouw reactie."), status=403)
    if comment.status == CommentStatus.DELETED:
        raise CommentError(_("Deze reactie is verwijderd."), status=404)
    return comment


@require_http_methods(["GET", "POST"])
@never_cache
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login_needed(request, request.get_full_path())
    try:
        comment = _own_comment(request, pk)
    except CommentError as error:
        return _refuse(request, error)
    form = EditForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST":
        refused = _banned(request) or _rate_limited(request, "post")
        if refused:
            return refused
        if form.is_valid():
            try:
                comment = do_edit_comment(
                    user=request.user, comment=comment, body=form.cleaned_data["body"]
                )
            except CommentError as error:
                if not error.field:
                    return _refuse(request, error)
                form.add_error(error.field, error.message)
            else:
                held = comment.status == CommentStatus.PENDING
                message = (
                    _("Je aangepaste reactie wacht op een moderator.")
                    if held
                    else _("Je reactie is aangepast.")
                )
                if wants_json(request):
                    return JsonResponse(
                        {
                            "ok": True,
                            "held": held,
                            "message": message,
                            "html": render_comment(request, comment),
                        }
                    )
                messages.success(request, message)
                return redirect(comment.get_absolute_url())
        status = 400
        if wants_json(request):
            return _form_error(request, form, None)
    elif not can_edit(request.user, comment):
        return _refuse(
            request,
            CommentError(_("De tijd om deze reactie te bewerken is voorbij."), status=403),
        )
    elif wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "body": comment.body,
                "editable_until": comment.editable_until().isoformat(),
            }
        )
    return render(
        request,
        "comments/edit.html",
        {"comment": comment, "form": form, "comment_max_length": MAX_LENGTH},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@never_cache
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login_needed(request, request.get_full_path())
    try:
        comment = _own_comment(request, pk)
    except CommentError as error:
        return _refuse(request, error)
    if request.method == "POST":
        do_delete_comment(user=request.user, comment=comment)
        message = _("Je reactie is verwijderd.")
        if wants_json(request):
            return JsonResponse({"ok": True, "message": message})
        messages.success(request, message)
        return redirect(reverse("users:profile", args=[request.user.pk]))
    return render(request, "comments/delete.html", {"comment": comment})


def _visible_comment(pk: int) -> Comment:
    comment = (
        Comment.objects.filter(pk=pk, status=CommentStatus.VISIBLE)
        .select_related("author", "page")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


@require_http_methods(["GET", "POST"])
@never_cache
def like(request: HttpRequest, pk: int) -> HttpResponse:
    """Like or unlike. Without JavaScript the like button leads to this small page."""
    comment = _visible_comment(pk)
    if not request.user.is_authenticated:
        return _login_needed(request, request.get_full_path())
    liked = CommentLike.objects.filter(user=request.user, comment=comment).exists()
    if request.method == "POST":
        refused = _banned(request) or _rate_limited(request, "like")
        if refused:
            return refused
        form = LikeForm(request.POST)
        wanted = form.cleaned_data["liked"] if form.is_valid() else None
        try:
            liked, count = do_set_like(user=request.user, comment=comment, liked=wanted)
        except CommentError as error:
            return _refuse(request, error)
        if wants_json(request):
            return JsonResponse({"ok": True, "liked": liked, "count": count})
        return redirect(_safe_next(request, comment.get_absolute_url()))
    return render(
        request,
        "comments/like.html",
        {"comment": comment, "liked": liked, "ban_message": _ban_text(request)},
    )


@require_http_methods(["GET", "POST"])
@never_cache
def report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _visible_comment(pk)
    if not request.user.is_authenticated:
        return _login_needed(request, request.get_full_path())
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        refused = _banned(request) or _rate_limited(request, "report")
        if refused:
            return refused
        if form.is_valid():
            try:
                _report, created = do_report_comment(
                    user=request.user,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except CommentError as error:
                return _refuse(request, error)
            message = (
                _("Bedankt. Een moderator bekijkt de reactie.")
                if created
                else _("Je had deze reactie al gemeld. Een moderator bekijkt ze.")
            )
            if wants_json(request):
                return JsonResponse({"ok": True, "message": message})
            return render(
                request, "comments/report_done.html", {"comment": comment, "message": message}
            )
        status = 400
        if wants_json(request):
            return _form_error(request, form, None)
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "form": form, "ban_message": _ban_text(request)},
        status=status,
    )


# --- reading ----------------------------------------------------------------------------


@require_GET
def comment_list(request: HttpRequest, page_id: int) -> HttpResponse:
    """`meer reacties`: the next page of threads, as a fragment for the script (`deel=1`)
    or as a page of its own without it. The same for every reader, so both come from the
    page cache, purged with the article's page whenever one of its comments changes."""
    page = _article(page_id)
    order = parse_order(request.GET.get("volgorde"))
    comment_page = load_page(page.pk, order, request.GET.get("na"))
    next_url = more_url(page.pk, order, comment_page.next_cursor)
    fragment = request.GET.get("deel") == "1"
    if fragment or not wants_json(request):
        # The cache keys on the URL, not on Accept: only cache what the URL alone decides.
        mark_cacheable(request, {f"page-{page.pk}"})
    if fragment or wants_json(request):
        html = render_to_string(
            "comments/_nodes.html", {"nodes": comment_page.nodes}, request=request
        )
        return JsonResponse({"html": html, "next_url": next_url})
    return render(
        request,
        "comments/list.html",
        {
            "page": page,
            "comment_page": comment_page,
            "comments_more_url": next_url,
            "comment_count": visible_count(page.pk),
            "order": order,
        },
    )


@require_GET
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """One thread on a page of its own: the link behind a comment's time, and where a
    reader lands after replying."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    if comment.root_id:
        return redirect(reverse("comments:thread", args=[comment.root_id]) + f"#{comment.anchor}")
    page = _article(comment.page_id)
    nodes = load_thread(comment)
    is_author = request.user.is_authenticated and request.user.pk == comment.author_id
    root_shown = comment.is_visible or nodes[0].children
    if not root_shown and not is_author:
        raise Http404
    waiting = []
    if request.user.is_authenticated:
        waiting = list(
            Comment.objects.filter(
                root=comment, author=request.user, status=CommentStatus.PENDING
            ).select_related("author")
        )
        if is_author and comment.status == CommentStatus.PENDING:
            waiting.insert(0, comment)
    return render(
        request,
        "comments/thread.html",
        {
            "page": page,
            "nodes": nodes if root_shown else [],
            "waiting": [CommentNode(comment=c, level=0) for c in waiting],
            "viewer": request.user,
            "closed_reason": closed_reason(page, current_rules()),
        },
    )


@require_GET
@never_cache
def state(request: HttpRequest) -> JsonResponse:
    """Who is looking, for the script: login, ban, own comments (edit window), likes."""
    user = request.user
    data: dict = {"authenticated": user.is_authenticated, "csrf": get_token(request)}
    if not user.is_authenticated:
        data["login_url"] = reverse("account_login")
        data["signup_url"] = reverse("account_signup")
        return JsonResponse(data)
    data["user"] = {
        "id": user.pk,
        "name": user.public_name,
        "profile_url": reverse("users:profile", args=[user.pk]),
        "account_url": reverse("users:account"),
    }
    data["ban"] = _ban_text(request)
    if user.has_perm("comments.moderate_comment"):
        # Moderators get a link to each author's history beside every comment.
        data["history_url"] = reverse("comments_admin_reader_history", args=[0]).replace(
            "/0/", "/{}/"
        )
    try:
        page_id = int(request.GET.get("artikel", ""))
    except ValueError:
        page_id = None
    if page_id:
        own = list(
            Comment.objects.filter(page_id=page_id, author=user)
            .exclude(status__in=[CommentStatus.DELETED, CommentStatus.REMOVED])
            .select_related("author")
            .order_by("-created_at")[:200]
        )
        data["own"] = {
            str(c.pk): {
                "editable_until": c.editable_until().isoformat() if can_edit(user, c) else None,
                "status": c.status,
            }
            for c in own
        }
        data["pending"] = [
            {"id": c.pk, "parent": c.parent_id, "html": render_comment(request, c)}
            for c in own
            if c.status == CommentStatus.PENDING
        ]
        data["liked"] = list(
            CommentLike.objects.filter(user=user, comment__page_id=page_id).values_list(
                "comment_id", flat=True
            )
        )
    return JsonResponse(data)
