"""Which status changes a transfer may make.

Forward steps may skip (a club can announce a deal nobody saw coming: gerucht → officieel),
talks may go back a step (akkoord → in onderhandeling) and a deal that fell through can come
back. Two things are refused: leaving `officieel` without saying why (an official transfer
undone is news in itself, and the history must say so), and "changing" to the status the
transfer already has without a new source (that is a confirmation: it needs the medium
that confirms it).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Status

ORDER = {Status.RUMOUR: 0, Status.TALKS: 1, Status.AGREED: 2, Status.OFFICIAL: 3}


def is_backwards(current: str, new: str) -> bool:
    return current in ORDER and new in ORDER and ORDER[new] < ORDER[current]


def check_transition(
    current: str, new: str, *, has_source: bool, reason: str, has_destination: bool
) -> None:
    """Raises ValidationError (per form field) for a refused change."""
    if new not in Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if new == current and not has_source:
        raise ValidationError(
            {
                "status": _(
                    "De transfer is al «%(status)s». Kies een bron om dat te bevestigen, of een "
                    "andere status."
                )
                % {"status": Status(current).label}
            }
        )
    if current == Status.OFFICIAL and new != current and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Een officiële transfer terugdraaien kan alleen met een reden: die komt in de "
                    "geschiedenis van de transfer."
                )
            }
        )
    if new == Status.OFFICIAL and not has_destination:
        raise ValidationError(
            {"status": _("Een officiële transfer heeft een nieuwe club: vul eerst de club in.")}
        )
