from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Editors, moderators and readers are all users; readers show a public display name."""

    display_name = models.CharField(
        _("schermnaam"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("De naam die andere lezers bij je reacties zien."),
    )
    is_demo = models.BooleanField(
        _("demo-account"), default=False, help_text=_("Aangemaakt door de demo-inhoud.")
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            # `Jan` and `jan` would look like the same reader under a comment.
            models.UniqueConstraint(Lower("display_name"), name="display_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def get_absolute_url(self) -> str:
        """The public profile: display name and visible comments."""
        return reverse("users:profile", args=[self.pk])
