"""A few clubs, people, media and transfers for tests: rows of our own, not the shipped
football knowledge (that may change)."""

from __future__ import annotations

from decimal import Decimal

from kopbal.football.models import Club, Person
from kopbal.transfers.actions import Step, do_change_status, do_create_transfer
from kopbal.transfers.choices import Kind, Reliability, Season, Status
from kopbal.transfers.models import Medium, Transfer

WINTER_2027 = {"window_year": 2027, "window_season": Season.WINTER}


def club(slug: str, name: str | None = None) -> Club:
    return Club.objects.create(slug=f"t-{slug}", name=name or slug.title())


def person(slug: str, name: str | None = None) -> Person:
    return Person.objects.create(slug=f"t-{slug}", name=name or slug.title(), role="player")


def medium(name: str = "Het Laatste Nieuws", reliability=Reliability.GOOD) -> Medium:
    return Medium.objects.get_or_create(name=name, defaults={"reliability": reliability})[0]


def transfer(
    player,
    from_club,
    to_club,
    *,
    status=Status.RUMOUR,
    source=None,
    user=None,
    kind=Kind.PERMANENT,
    fee=None,
    fee_official=False,
    fee_medium=None,
    window=WINTER_2027,
) -> Transfer:
    """A transfer created the way editors do, then moved step by step up to `status`."""
    path = [Status.RUMOUR, Status.TALKS, Status.AGREED, Status.OFFICIAL]
    first = status if status == Status.OFF else Status.RUMOUR
    t = Transfer(player=player, from_club=from_club, to_club=to_club, kind=kind, **window)
    t = do_create_transfer(t, Step(status=first, medium=source), user=user)
    if status in path:
        for step in path[1 : path.index(status) + 1]:
            do_change_status(t, Step(status=step, medium=source), user=user)
    if fee is not None:
        # As an editor fills in the fee once it is known (validated like the admin form).
        t.fee_amount, t.fee_official, t.fee_medium = Decimal(fee), fee_official, fee_medium
        t.full_clean()
        t.save()
    return t
