"""Readers' pages: the public profile with their visible comments, and their own account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kopbal.comments.actions import active_ban, ban_message
from kopbal.comments.models import Comment

from .forms import ProfileForm


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader's public page: name, member since, and the comments others can see."""
    reader = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    comments = (
        Comment.objects.visible()
        .filter(author=reader, page__live=True)
        .select_related("page")
        .order_by("-created_at", "-pk")
    )
    page_obj = Paginator(comments, settings.KOPBAL_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "users/profile.html",
        {"reader": reader, "page_obj": page_obj, "is_self": request.user.pk == reader.pk},
    )


def me(request: HttpRequest) -> HttpResponse:
    """`Mijn account` in the header: the account page, or the login when signed out."""
    if request.user.is_authenticated:
        return redirect("users:account")
    return redirect("account_login")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The reader's own page: display name, links to e-mail and password, a ban if any."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je schermnaam is bijgewerkt."))
        return redirect("users:account")
    ban = active_ban(request.user)
    return render(
        request,
        "users/account.html",
        {"form": form, "ban_message": ban_message(ban) if ban else None},
        status=400 if form.errors else 200,
    )
