from django.db import models
from django.utils.translation import gettext_lazy as _


class PollState(models.TextChoices):
    UPCOMING = "upcoming", _("nog niet open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class VoteStatus(models.TextChoices):
    """A discarded vote stays as a row (the voter cannot vote again) but is not counted."""

    COUNTED = "counted", _("geteld")
    DISCARDED = "discarded", _("geschrapt")
