"""The reader's personal parts of shared pages (see kopbal/core/personal.py)."""

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from kopbal.core.personal import part

# What every anonymous reader gets, per language: rendered once per process.
_anonymous: dict[str, str] = {}


@part("account-link")
def account_link(request: HttpRequest | None) -> str:
    """`Mijn account` for everyone; a logged-in reader sees their display name."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return render_to_string("components/account_link.html", {"reader": user})
    html = _anonymous.get(get_language())
    if html is None or settings.DEBUG:
        html = _anonymous[get_language()] = render_to_string(
            "components/account_link.html", {"reader": None}
        )
    return html
