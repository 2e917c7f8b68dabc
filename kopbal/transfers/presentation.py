"""How transfers read: fees the Flemish way (`2,5 miljoen euro`, `2 à 3 miljoen euro`),
where a fee comes from, and the official totals of a club's window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import FEELESS_KINDS, Currency, Status

MILLION = Decimal(1_000_000)


def _number(value: Decimal, places: int = 2) -> str:
    text = f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def money(value: Decimal | int | None, currency: str = Currency.EUR) -> str:
    """`2,5 miljoen euro`, `750.000 euro`."""
    if value is None:
        return ""
    value = Decimal(value)
    unit = Currency(currency).label if currency in Currency.values else currency
    if abs(value) >= MILLION:
        return _("%(amount)s miljoen %(unit)s") % {"amount": _number(value / MILLION), "unit": unit}
    return f"{_number(value, 0)} {unit}"


def fee_text(transfer) -> str:
    """The fee as reported, without its source: `2 à 3 miljoen euro`, or why there is none."""
    if transfer.kind in FEELESS_KINDS:
        return ""
    low, high = transfer.fee_amount, transfer.fee_max
    if low is None:
        return _("som niet bekend")
    if high is None:
        return money(low, transfer.fee_currency)
    unit = Currency(transfer.fee_currency).label
    if low >= MILLION and high >= MILLION:
        return _("%(low)s à %(high)s miljoen %(unit)s") % {
            "low": _number(low / MILLION),
            "high": _number(high / MILLION),
            "unit": unit,
        }
    return _("%(low)s à %(high)s") % {
        "low": money(low, transfer.fee_currency),
        "high": money(high, transfer.fee_currency),
    }


def fee_source(transfer) -> str:
    """`officieel` or `volgens Het Laatste Nieuws`."""
    if transfer.fee_amount is None or transfer.kind in FEELESS_KINDS:
        return ""
    if transfer.fee_official:
        return _("officieel")
    if transfer.fee_medium_id:
        return _("volgens %(medium)s") % {"medium": transfer.fee_medium.name}
    return ""


@dataclass
class ClubWindow:
    """A club's arrivals and departures in one window, with the official fees summed."""

    club: object
    window: object
    arrivals: list = field(default_factory=list)
    departures: list = field(default_factory=list)

    @staticmethod
    def official_sums(transfers: Iterable) -> list[tuple[str, Decimal]]:
        """Only fees of official transfers that were announced as official, per currency."""
        sums: dict[str, Decimal] = {}
        for t in transfers:
            if t.status == Status.OFFICIAL and t.fee_official and t.fee_amount is not None:
                sums[t.fee_currency] = sums.get(t.fee_currency, Decimal(0)) + t.fee_amount
        return sorted(sums.items(), key=lambda item: item[0] != Currency.EUR)

    @property
    def spent(self) -> list[str]:
        return [money(v, c) for c, v in self.official_sums(self.arrivals)]

    @property
    def received(self) -> list[str]:
        return [money(v, c) for c, v in self.official_sums(self.departures)]
