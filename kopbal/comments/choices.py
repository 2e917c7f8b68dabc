from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("zichtbaar")
    PENDING = "pending", _("wacht op moderatie")
    REMOVED = "removed", _("afgewezen door moderator")
    DELETED = "deleted", _("verwijderd door auteur")


class CommentOrder(models.TextChoices):
    """The orders a reader can pick; the value is what goes in `?volgorde=`."""

    NEWEST = "nieuw", _("Nieuwste")
    OLDEST = "oud", _("Oudste")
    LIKED = "populair", _("Meest geliket")


class ReportReason(models.TextChoices):
    ABUSE = "abuse", _("Beledigend of kwetsend")
    HATE = "hate", _("Racisme, haat of discriminatie")
    SPAM = "spam", _("Spam of reclame")
    OFF_TOPIC = "off_topic", _("Niet over het onderwerp")
    PRIVACY = "privacy", _("Persoonlijke gegevens van iemand anders")
    OTHER = "other", _("Iets anders")


class ModerationActionType(models.TextChoices):
    APPROVE = "approve", _("goedgekeurd")
    REJECT = "reject", _("afgewezen")
    FEATURE = "feature", _("uitgelicht")
    UNFEATURE = "unfeature", _("niet meer uitgelicht")
    BAN = "ban", _("auteur geblokkeerd")
    UNBAN = "unban", _("blokkering opgeheven")
    HOLD = "hold", _("automatisch tegengehouden")
    HIDE_REPORTED = "hide_reported", _("verborgen na meldingen")
    EDIT = "edit", _("bewerkt door moderator")


class BanDuration(models.TextChoices):
    """How long a ban from the moderation screens lasts; the value is a number of days."""

    DAY = "1", _("1 dag")
    WEEK = "7", _("7 dagen")
    MONTH = "30", _("30 dagen")
    FOREVER = "0", _("Voorgoed")
