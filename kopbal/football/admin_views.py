"""The JSON endpoint behind the editor's suggestions panel (admin only, via wagtail_hooks)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kopbal.core.templatetags.kopbal_tags import flemish_date

from .related import suggest_related
from .tagger import CLUB, PERSON
from .tagging import suggest, suggestion_views, text_from_form_data

MAX_TEXT = 200_000  # characters; a 1,500-word article is about 10,000


def _ids(data, prefix: str, field: str) -> list[int]:
    """Clubs or people already in the inline lists of the form (not deleted)."""
    out = []
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 500)
    except ValueError:
        return out
    for i in range(total):
        value = data.get(f"{prefix}-{i}-{field}", "")
        if value.isdigit() and data.get(f"{prefix}-{i}-DELETE", "") in ("", "false"):
            out.append(int(value))
    return out


def _inline_read_also(data) -> list[int]:
    """Articles the body being edited already links to with a `Lees ook` block."""
    out = []
    try:
        total = min(int(data.get("body-count", 0)), 1000)
    except ValueError:
        return out
    for i in range(total):
        if data.get(f"body-{i}-type") != "read_also" or data.get(f"body-{i}-deleted") in (
            "1",
            "true",
        ):
            continue
        value = data.get(f"body-{i}-value-page", "")
        if value.isdigit():
            out.append(int(value))
    return out


def _reasons(candidate) -> str:
    parts = []
    if candidate.shared_people:
        parts.append(
            ngettext("%(n)d persoon gemeen", "%(n)d personen gemeen", candidate.shared_people)
            % {"n": candidate.shared_people}
        )
    if candidate.shared_clubs:
        parts.append(
            ngettext("%(n)d club gemeen", "%(n)d clubs gemeen", candidate.shared_clubs)
            % {"n": candidate.shared_clubs}
        )
    if candidate.similarity >= 0.2:
        parts.append(_("gelijkaardige tekst"))
    return ", ".join(parts) or _("recent")


@require_POST
def suggest_view(request: HttpRequest) -> JsonResponse:
    """Suggested clubs, people and `Lees ook` articles for the article form as it stands."""
    try:
        text = text_from_form_data(request.POST)
    except ValueError:
        return JsonResponse(
            {"error": _("De tekst van het artikel kon niet gelezen worden.")}, status=400
        )
    if len(text) > MAX_TEXT:
        return JsonResponse(
            {"error": _("Het artikel is te lang om suggesties voor te maken.")}, status=413
        )
    result = suggest(text)
    suggestions = suggestion_views(text, result)
    club_ids = {s.entity.pk for s in result.clubs} | set(_ids(request.POST, "club_tags", "club"))
    person_ids = {s.entity.pk for s in result.people} | set(
        _ids(request.POST, "person_tags", "person")
    )
    page_id = request.POST.get("page_id", "")
    exclude = [int(page_id)] if page_id.isdigit() else []
    exclude += _ids(request.POST, "related_articles", "article")
    exclude += _inline_read_also(request.POST)
    related = suggest_related(text, sorted(club_ids), sorted(person_ids), exclude=exclude)
    return JsonResponse(
        {
            "suggestions": [s.as_json() for s in suggestions],
            "counts": {CLUB: len(result.clubs), PERSON: len(result.people)},
            "related": [
                {
                    "id": c.article.pk,
                    "title": c.article.title,
                    "url": c.article.url,
                    "date": flemish_date(c.article.first_published_at),
                    "reasons": _reasons(c),
                }
                for c in related
            ],
        }
    )
