"""A club's follow button, the football pages' personal part (see kopbal/core/personal.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from kopbal.core.personal import part

from .models import Club, ClubFollow


@part("follow-button")
def follow_button(request: HttpRequest | None, club_id: int) -> str:
    """A login link for anonymous readers; follow or unfollow for a logged-in one."""
    club = Club.objects.filter(pk=club_id).only("pk", "name", "slug").first()
    if club is None:
        return ""
    user = getattr(request, "user", None)
    following = bool(
        user is not None
        and user.is_authenticated
        and ClubFollow.objects.filter(user=user, club=club).exists()
    )
    return render_to_string(
        "football/_follow_button.html",
        {"club": club, "following": following},
        request=request,
    )
