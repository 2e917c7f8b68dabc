"""Casting and discarding votes: the only code that writes Vote rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kopbal.core.ratelimit import anonymised

from .choices import PollState, VoteStatus
from .models import Answer, Poll, Vote
from .results import vote_counts
from .signals import purge_poll, vote_cast
from .voters import voter_hash


class VoteRefused(Exception):
    """A vote that does not count, with the reader's message and the HTTP status to answer."""

    def __init__(
        self, message: str, status: int, *, show_results: bool = False, needs_login: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.show_results = show_results
        self.needs_login = needs_login


def _is_reader(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return user is not None and user.is_authenticated


def check_ballot(
    poll: Poll,
    answer_id: int,
    user: AbstractBaseUser | AnonymousUser | None,
    now: datetime | None = None,
) -> Answer:
    """Everything that refuses a vote before it is written; raises VoteRefused."""
    state = poll.state(now)
    if state == PollState.UPCOMING:
        raise VoteRefused(_("Deze peiling is nog niet geopend. Je kunt straks stemmen."), 403)
    if state == PollState.CLOSED:
        raise VoteRefused(
            _("Deze peiling is gesloten: er kan niet meer gestemd worden."),
            403,
            show_results=True,
        )
    answer = next((a for a in poll.answer_list if a.pk == answer_id), None)
    if answer is None:
        raise VoteRefused(_("Dat antwoord hoort niet bij deze peiling. Kies een antwoord."), 400)
    if poll.requires_account and not _is_reader(user):
        raise VoteRefused(
            _("Voor deze peiling moet je ingelogd zijn. Log in en stem opnieuw."),
            403,
            needs_login=True,
        )
    return answer


def _after_vote(poll_id: int) -> None:
    vote_counts(poll_id, fresh=True)
    vote_cast.send(sender=Poll, poll_id=poll_id)


@transaction.atomic
def do_cast_vote(
    poll: Poll,
    answer_id: int,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    voter_key: str | None,
    address: str,
    now: datetime | None = None,
) -> Vote:
    """Store one vote, once per account or anonymous key; VoteRefused if it cannot count.

    The unique constraints decide who was first, so that concurrent double clicks and
    scripts racing each other still leave one row per voter.
    """
    answer = check_ballot(poll, answer_id, user, now)
    reader = _is_reader(user)
    if not reader and not voter_key:
        raise ValueError("An anonymous vote needs a voter key.")
    vote = Vote(
        poll=poll,
        answer=answer,
        user=user if reader else None,
        voter_hash="" if reader else voter_hash(voter_key),
        address_hash=anonymised(address) if address else "",
    )
    if now is not None:
        vote.created_at = now
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:
        raise VoteRefused(
            _("Je hebt al gestemd in deze peiling. Eén stem per lezer."), 409, show_results=True
        ) from None
    transaction.on_commit(partial(_after_vote, poll.pk))
    return vote


def reader_choices(
    poll_ids: Iterable[int],
    user: AbstractBaseUser | AnonymousUser | None,
    voter_key: str | None,
) -> dict[int, int]:
    """For each poll this reader voted in: the answer they chose (one query, or none)."""
    ids = list(poll_ids)
    who = Q()
    if _is_reader(user):
        who |= Q(user=user)
    if voter_key:
        who |= Q(voter_hash=voter_hash(voter_key))
    if not ids or not who:
        return {}
    return dict(Vote.objects.filter(who, poll_id__in=ids).values_list("poll_id", "answer_id"))


def _set_status(
    votes: QuerySet[Vote], poll: Poll, status: VoteStatus, by, reason: str, action: str
) -> int:
    from wagtail.log_actions import log

    changed = votes.exclude(status=status).update(status=status)
    if changed:
        log(instance=poll, action=action, user=by, data={"votes": changed, "reason": reason})
        transaction.on_commit(partial(_after_vote, poll.pk))
        purge_poll(poll.pk)
    return changed


@transaction.atomic
def do_discard_votes(poll: Poll, votes: QuerySet[Vote], *, by, reason: str) -> int:
    """Take a wave of fraud out of the count; the rows stay, so it can be undone."""
    return _set_status(
        votes.filter(poll=poll), poll, VoteStatus.DISCARDED, by, reason, "kopbal_polls.discard"
    )


@transaction.atomic
def do_restore_votes(poll: Poll, votes: QuerySet[Vote], *, by, reason: str) -> int:
    return _set_status(
        votes.filter(poll=poll), poll, VoteStatus.COUNTED, by, reason, "kopbal_polls.restore"
    )
