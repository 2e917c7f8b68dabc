from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """Football countries (England and Scotland are separate in football)."""

    BELGIUM = "BE", _("België")
    NETHERLANDS = "NL", _("Nederland")
    FRANCE = "FR", _("Frankrijk")
    GERMANY = "DE", _("Duitsland")
    SPAIN = "ES", _("Spanje")
    ITALY = "IT", _("Italië")
    PORTUGAL = "PT", _("Portugal")
    ENGLAND = "GB-ENG", _("Engeland")
    SCOTLAND = "GB-SCT", _("Schotland")


class Role(models.TextChoices):
    PLAYER = "player", _("speler")
    COACH = "coach", _("trainer")
    ASSISTANT = "assistant", _("assistent-trainer")
    DIRECTOR = "director", _("bestuurder")
    ANALYST = "analyst", _("analist")


class CompetitionKind(models.TextChoices):
    LEAGUE = "league", _("competitie")
    CUP = "cup", _("beker")
    EUROPEAN = "european", _("Europese beker")
