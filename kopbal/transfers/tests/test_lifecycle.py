"""A transfer's life cycle: which status changes are allowed, which are refused, and the
history that every change leaves."""

import pytest
from django.core.exceptions import ValidationError

from kopbal.transfers.actions import Step, do_change_status, do_create_transfer
from kopbal.transfers.choices import Kind, Status
from kopbal.transfers.models import Transfer, TransferEvent

from . import factories as f


def statuses(transfer):
    return list(transfer.events.order_by("at", "pk").values_list("previous_status", "status"))


def test_the_whole_way_from_rumour_to_official_is_kept(world, users):
    editor = users("editor")
    t = f.transfer(
        world.praet,
        world.antwerp,
        world.genk,
        status=Status.OFFICIAL,
        source=world.hln,
        user=editor,
    )
    assert t.status == Status.OFFICIAL
    assert statuses(t) == [
        ("", "gerucht"),
        ("gerucht", "in-onderhandeling"),
        ("in-onderhandeling", "akkoord"),
        ("akkoord", "officieel"),
    ]
    assert all(e.medium == world.hln and e.created_by == editor for e in t.events.all())


@pytest.mark.parametrize(
    ("start", "new"),
    [
        (Status.RUMOUR, Status.OFFICIAL),  # a club announces a deal nobody saw coming
        (Status.RUMOUR, Status.AGREED),
        (Status.AGREED, Status.TALKS),  # talks wobble: back a step
        (Status.TALKS, Status.OFF),
        (Status.AGREED, Status.OFF),
        (Status.OFF, Status.TALKS),  # a deal that fell through comes back
        (Status.OFF, Status.OFFICIAL),
    ],
)
def test_allowed_changes(world, start, new):
    t = f.transfer(world.praet, world.antwerp, world.genk, status=start)
    event = do_change_status(t, Step(status=new, medium=world.hln), user=None)
    t.refresh_from_db()
    assert t.status == new
    assert (event.previous_status, event.status) == (start, new)
    assert t.status_changed_at == event.at


@pytest.mark.parametrize("new", [Status.AGREED, Status.TALKS, Status.RUMOUR, Status.OFF])
def test_leaving_official_needs_a_reason(world, new):
    t = f.transfer(world.praet, world.antwerp, world.genk, status=Status.OFFICIAL)
    before = t.events.count()
    with pytest.raises(ValidationError) as error:
        do_change_status(t, Step(status=new, medium=world.hln, reason="  "), user=None)
    assert "reden" in str(error.value.message_dict["reason"])
    t.refresh_from_db()
    assert t.status == Status.OFFICIAL
    assert t.events.count() == before

    event = do_change_status(
        t, Step(status=new, reason="Medische keuring niet doorstaan."), user=None
    )
    t.refresh_from_db()
    assert t.status == new
    assert event.reason == "Medische keuring niet doorstaan."


def test_same_status_needs_a_new_source_and_then_is_a_confirmation(world):
    t = f.transfer(world.praet, world.antwerp, world.genk, status=Status.AGREED)
    with pytest.raises(ValidationError) as error:
        do_change_status(t, Step(status=Status.AGREED), user=None)
    assert "al «akkoord»" in str(error.value.message_dict["status"])

    event = do_change_status(t, Step(status=Status.AGREED, medium=world.gossip), user=None)
    assert event.is_confirmation
    assert event.source_label == "volgens Roddelblad (onbetrouwbaar)"
    t.refresh_from_db()
    assert t.status == Status.AGREED
    assert t.events.count() == 4


def test_official_needs_a_destination(world):
    t = f.transfer(world.praet, world.antwerp, None, status=Status.TALKS)
    with pytest.raises(ValidationError) as error:
        do_change_status(t, Step(status=Status.OFFICIAL), user=None)
    assert "nieuwe club" in str(error.value.message_dict["status"])
    assert Transfer.objects.get(pk=t.pk).status == Status.TALKS


def test_a_step_in_the_future_is_refused(world):
    from datetime import timedelta

    from django.utils import timezone

    t = f.transfer(world.praet, world.antwerp, world.genk)
    with pytest.raises(ValidationError):
        do_change_status(
            t, Step(status=Status.TALKS, at=timezone.now() + timedelta(hours=2)), user=None
        )
    assert t.events.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"to_club": "antwerp"}, "to_club", "niet van een club naar dezelfde club"),
        ({"to_club": None, "from_club": None}, "to_club", "minstens"),
        ({"fee_amount": -1, "fee_medium": True}, "fee_amount", "niet negatief"),
        (
            {"fee_amount": 3_000_000, "fee_max": 2_000_000, "fee_medium": True},
            "fee_max",
            "boven het laagste",
        ),
        (
            {"fee_amount": 1_000_000, "kind": Kind.FREE, "fee_medium": True},
            "fee_amount",
            "transfervrij",
        ),
        ({"fee_amount": 1_000_000}, "fee_medium", "volgens welk medium"),
        (
            {"fee_amount": 1_000_000, "fee_official": True},
            "fee_official",
            "Alleen een officiële transfer",
        ),
    ],
)
def test_impossible_transfers_are_refused_and_nothing_is_saved(world, fields, field, message):
    data = {
        "player": world.praet,
        "from_club": world.antwerp,
        "to_club": world.genk,
        **f.WINTER_2027,
    }
    for name, value in fields.items():
        if name in ("from_club", "to_club") and isinstance(value, str):
            value = getattr(world, value)
        if name == "fee_medium":
            value = world.hln
        data[name] = value
    with pytest.raises(ValidationError) as error:
        do_create_transfer(Transfer(**data), Step(status=Status.RUMOUR), user=None)
    assert message in " ".join(error.value.message_dict[field])
    assert Transfer.objects.count() == 0
    assert TransferEvent.objects.count() == 0
