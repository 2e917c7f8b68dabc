"""Reader comments under articles, and what moderators need around them: likes, reports,
bans, the banned-word list, the audit log and the rules staff can tune."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .choices import CommentStatus, ModerationActionType, ReportReason


def visible_count_expression(page_ref) -> Coalesce:
    """The number of visible comments under `page_ref` (a page id, or OuterRef("pk") in a
    list of pages) as an SQL expression. Every comment count on the site is this one."""
    counts = (
        Comment.objects.visible()
        .filter(page=page_ref)
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=models.IntegerField()), Value(0))


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        """What readers see and what every comment count counts."""
        return self.filter(status=CommentStatus.VISIBLE)

    def for_page(self, page) -> CommentQuerySet:
        """Visible comments under a page, newest first, with their authors in one query."""
        return self.visible().filter(page=page).select_related("author").order_by("-created_at")

    def in_queue(self) -> CommentQuerySet:
        """The moderation queue: held back, or reported and not yet reviewed."""
        return self.filter(
            Q(status=CommentStatus.PENDING) | Q(status=CommentStatus.VISIBLE, report_count__gt=0)
        )


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
    # The top-level comment of the thread (empty for a top-level comment itself): one
    # query loads a whole thread whatever its depth.
    root = models.ForeignKey(
        "self",
        verbose_name=_("draad"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread",
    )
    depth = models.PositiveSmallIntegerField(_("niveau"), default=0)
    body = models.TextField(_("tekst"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst"), default=timezone.now)
    edited_at = models.DateTimeField(_("bewerkt"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("verwijderd"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    held_reason = models.CharField(
        _("reden voor moderatie"),
        max_length=200,
        blank=True,
        help_text=_("Waarom de reactie in de wachtrij kwam."),
    )
    is_featured = models.BooleanField(_("uitgelicht"), default=False)
    featured_at = models.DateTimeField(_("uitgelicht op"), null=True, blank=True)
    like_count = models.PositiveIntegerField(_("likes"), default=0)
    report_count = models.PositiveIntegerField(
        _("open meldingen"), default=0, help_text=_("Meldingen die nog niet bekeken zijn.")
    )
    ip_hash = models.CharField(_("adres (gehasht)"), max_length=32, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["-created_at"]
        permissions = [("moderate_comment", _("Kan reacties modereren"))]
        indexes = [
            # Counts and pages of one article's visible comments.
            models.Index(fields=["page", "status", "created_at"], name="comment_page_status_idx"),
            # One page of top-level comments, newest/oldest or most liked first.
            models.Index(fields=["page", "parent", "created_at"], name="comment_page_top_idx"),
            models.Index(fields=["page", "parent", "like_count"], name="comment_page_liked_idx"),
            models.Index(fields=["root", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["author", "created_at"], name="comment_author_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(
                fields=["page", "featured_at"],
                name="comment_featured_idx",
                condition=Q(is_featured=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        """The comment in its thread: a page of its own that always contains it."""
        from django.urls import reverse

        return reverse("comments:thread", args=[self.thread_root_id]) + f"#{self.anchor}"

    @cached_property
    def links(self) -> dict[str, str]:
        """like, report, edit, delete, reply, permalink, thread and author URLs."""
        from .links import comment_links

        return comment_links(self)

    @property
    def anchor(self) -> str:
        return f"reactie-{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.VISIBLE

    @property
    def thread_root_id(self) -> int:
        return self.root_id or self.pk

    def editable_until(self):
        from .rules import current_rules

        return self.created_at + timedelta(minutes=current_rules().edit_minutes)


class CommentLike(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_likes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="one_like_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} \u2192 {self.comment_id}"


class CommentReport(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    reason = models.CharField(_("reden"), max_length=16, choices=ReportReason.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    resolved_at = models.DateTimeField(_("bekeken op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.comment_id}"


class BanQuerySet(models.QuerySet):
    def active(self, now=None) -> BanQuerySet:
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Ban(models.Model):
    """A reader who may not post, like or report, until `expires_at` (empty: for good)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lezer"),
        on_delete=models.CASCADE,
        related_name="comment_bans",
    )
    reason = models.TextField(_("reden"), help_text=_("De lezer krijgt deze reden te zien."))
    created_at = models.DateTimeField(_("geblokkeerd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geblokkeerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("tot"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeheven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = _("blokkering")
        verbose_name_plural = _("blokkeringen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "lifted_at"], name="ban_user_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.reason[:40]}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class BannedWord(models.Model):
    """A word that sends a comment to the moderation queue instead of the page."""

    word = models.CharField(
        _("woord"),
        max_length=80,
        unique=True,
        help_text=_(
            "Hoofdletters en accenten maken niet uit. Eindig met * om ook samenstellingen "
            "te vangen (bv. kanker* vangt ook kankerlijer). Meerdere woorden mag."
        ),
    )
    created_at = models.DateTimeField(_("toegevoegd"), default=timezone.now)

    class Meta:
        verbose_name = _("verboden woord")
        verbose_name_plural = _("verboden woorden")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.split()).lower()
        super().save(*args, **kwargs)


class ModerationLog(models.Model):
    """The audit log: who did what to which comment or reader, when, and why."""

    created_at = models.DateTimeField(_("wanneer"), default=timezone.now, db_index=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg: de automatische regels."),
    )
    action = models.CharField(_("wat"), max_length=16, choices=ModerationActionType.choices)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("reactie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lezer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
    )
    reason = models.TextField(_("waarom"), blank=True)
    excerpt = models.CharField(_("fragment"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("moderatielog")
        verbose_name_plural = _("moderatielog")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        who = self.moderator or _("automatisch")
        return f"{who}: {self.get_action_display()}"


@register_setting(icon="comment")
class CommentSettings(BaseGenericSetting):
    """The moderation rules, editable by staff without a deploy."""

    auto_close_days = models.PositiveSmallIntegerField(
        _("reacties sluiten na (dagen)"),
        default=14,
        help_text=_("Zoveel dagen na publicatie kan niemand nog reageren. 0: nooit sluiten."),
    )
    premoderate_first = models.PositiveSmallIntegerField(
        _("eerste reacties van nieuwe lezers nakijken"),
        default=2,
        help_text=_(
            "Zolang een lezer minder goedgekeurde reacties heeft dan dit, gaat elke nieuwe "
            "reactie eerst naar de wachtrij. 0: niet."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("maximum aantal links"),
        default=2,
        help_text=_("Een reactie met meer links gaat eerst naar de wachtrij."),
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("meldingen voor verbergen"),
        default=3,
        help_text=_(
            "Na zoveel meldingen van verschillende lezers wordt een reactie verborgen "
            "tot een moderator ze bekijkt."
        ),
    )
    edit_minutes = models.PositiveSmallIntegerField(
        _("bewerken mogelijk (minuten)"),
        default=5,
        help_text=_("Zolang kan een lezer een eigen reactie nog aanpassen."),
    )

    panels = [
        HelpPanel(content=_("Wijzigingen gelden binnen een minuut voor alle servers.")),
        MultiFieldPanel(
            [FieldPanel("premoderate_first"), FieldPanel("max_links")],
            heading=_("Eerst nakijken"),
        ),
        FieldPanel("report_threshold"),
        FieldPanel("auto_close_days"),
        FieldPanel("edit_minutes"),
    ]

    class Meta:
        verbose_name = _("reactieregels")
