"""The reader's personal parts of shared pages (see kopbal/core/personal.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from kopbal.core.pagecache import kept_in_process
from kopbal.core.personal import part


@part("account-link")
def account_link(request: HttpRequest | None) -> str:
    """`Mijn account` for everyone; a logged-in reader sees their display name."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return render_to_string("components/account_link.html", {"reader": user})
    return kept_in_process(
        ("account-link", get_language()),
        lambda: render_to_string("components/account_link.html", {"reader": None}),
    )
