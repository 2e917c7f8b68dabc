from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("zichtbaar")
    PENDING = "pending", _("wacht op moderatie")
    REMOVED = "removed", _("verwijderd")
