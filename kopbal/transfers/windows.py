"""Transfer windows: the winter one (January) and the summer one (June to early September).

A transfer belongs to the window it is (or would be) done in. Talk in March is about the
summer; talk from October on is about the next winter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Season

FIRST_YEAR = 1990
LAST_YEAR = 2100


@dataclass(frozen=True, order=True)
class Window:
    year: int
    season: str

    @property
    def label(self) -> str:
        """`Winter 2027`, `Zomer 2026`."""
        name = _("Winter") if self.season == Season.WINTER else _("Zomer")
        return f"{name} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year, 0 if self.season == Season.WINTER else 1)

    def get_absolute_url(self) -> str:
        return reverse("transfers:window", kwargs={"year": self.year, "season": self.season})


def window_for(day: date | None = None) -> Window:
    day = day or timezone.localdate()
    if day.month == 12 or day.month >= 10:
        return Window(day.year + 1, Season.WINTER)
    if day.month <= 2:
        return Window(day.year, Season.WINTER)
    return Window(day.year, Season.SUMMER)
