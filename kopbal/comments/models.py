"""Reader comments under articles (and any other page that takes them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        return self.filter(status=CommentStatus.VISIBLE)

    def for_page(self, page) -> CommentQuerySet:
        """Visible comments under a page, newest first, with their authors in one query."""
        return self.visible().filter(page=page).select_related("author").order_by("-created_at")


class Comment(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("antwoord op"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("tekst"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["-created_at"]
        indexes = [
            # Counts and pages of one article's visible comments.
            models.Index(fields=["page", "status", "created_at"], name="comment_page_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
