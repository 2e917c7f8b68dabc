"""The comment form's personal part (see kopbal/core/personal.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from kopbal.core.personal import part


@part("comment-login-hint")
def login_hint(request: HttpRequest | None) -> str:
    """`Om te reageren moet je inloggen`: only for readers who are not logged in."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return ""
    return render_to_string("comments/_login_hint.html")
