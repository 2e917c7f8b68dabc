from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PERMANENT = "definitief", _("definitieve transfer")
    LOAN = "huur", _("huurdeal")
    LOAN_WITH_OPTION = "huur-met-optie", _("huur met aankoopoptie")
    FREE = "transfervrij", _("transfervrij")
    END_OF_LOAN = "einde-huur", _("einde huurperiode")


# Kinds where no fee changes hands.
FEELESS_KINDS = {Kind.FREE, Kind.END_OF_LOAN}


class Status(models.TextChoices):
    """A transfer's life cycle: gerucht → in onderhandeling → akkoord → officieel, or
    afgeketst along the way."""

    RUMOUR = "gerucht", _("gerucht")
    TALKS = "in-onderhandeling", _("in onderhandeling")
    AGREED = "akkoord", _("akkoord")
    OFFICIAL = "officieel", _("officieel")
    OFF = "afgeketst", _("afgeketst")


class Season(models.TextChoices):
    WINTER = "winter", _("winter")
    SUMMER = "zomer", _("zomer")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")
    GBP = "GBP", _("pond")
    USD = "USD", _("dollar")
    CHF = "CHF", _("Zwitserse frank")


class Reliability(models.IntegerChoices):
    """How much the newsroom trusts a medium's transfer news."""

    HIGH = 4, _("zeer betrouwbaar")
    GOOD = 3, _("betrouwbaar")
    MIXED = 2, _("wisselend")
    LOW = 1, _("onbetrouwbaar")
