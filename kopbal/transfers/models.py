"""The transfer tracker: a transfer as data with a life cycle, and its history.

A `Transfer` is one move of one person between clubs in one window, with the fee as it was
reported. Its status changes only through `kopbal.transfers.actions`, which writes a
`TransferEvent` for each step (when, which status, which medium said so and how far the
newsroom trusts it, and the article or live-blog update about it): the history readers see
and the RSS of a transfer are those events.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .choices import FEELESS_KINDS, Currency, Kind, Reliability, Season, Status
from .windows import FIRST_YEAR, LAST_YEAR, Window, window_for


class MediumForm(WagtailAdminModelForm):
    url = forms.URLField(label=_("website"), required=False, assume_scheme="https")


class Medium(index.Indexed, models.Model):
    """A newspaper, site or broadcaster that reports transfers, rated by the newsroom."""

    base_form_class = MediumForm

    name = models.CharField(_("naam"), max_length=120, unique=True)
    url = models.URLField(_("website"), blank=True)
    reliability = models.PositiveSmallIntegerField(
        _("betrouwbaarheid"),
        choices=Reliability.choices,
        default=Reliability.GOOD,
        help_text=_("Hoe betrouwbaar de redactie dit medium vindt voor transfernieuws."),
    )
    note = models.CharField(_("opmerking voor de redactie"), max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("reliability"), FieldPanel("note")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("medium")
        verbose_name_plural = _("media")

    def __str__(self) -> str:
        return self.name


class TransferQuerySet(models.QuerySet):
    def for_window(self, window: Window) -> TransferQuerySet:
        return self.filter(window_year=window.year, window_season=window.season)

    def for_club(self, club) -> TransferQuerySet:
        return self.filter(Q(from_club=club) | Q(to_club=club))

    def arrivals(self, club) -> TransferQuerySet:
        return self.filter(to_club=club)

    def departures(self, club) -> TransferQuerySet:
        return self.filter(from_club=club)

    def official(self) -> TransferQuerySet:
        return self.filter(status=Status.OFFICIAL)

    def open(self) -> TransferQuerySet:
        """Still moving: neither official nor off."""
        return self.exclude(status__in=[Status.OFFICIAL, Status.OFF])

    def for_listing(self) -> TransferQuerySet:
        return self.select_related("player", "from_club", "to_club", "fee_medium").order_by(
            "-status_changed_at", "-pk"
        )


def _default_year() -> int:
    return window_for().year


def _default_season() -> str:
    return window_for().season


class Transfer(ClusterableModel):
    """One move of one person, as reported: who, from where, to where, how, for how much."""

    player = models.ForeignKey(
        "football.Person",
        verbose_name=_("speler"),
        on_delete=models.PROTECT,
        related_name="transfers",
        error_messages={"invalid_choice": _("Deze speler kennen we niet.")},
    )
    from_club = models.ForeignKey(
        "football.Club",
        verbose_name=_("van club"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
        help_text=_("Leeg: zonder club."),
    )
    to_club = models.ForeignKey(
        "football.Club",
        verbose_name=_("naar club"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
        help_text=_("Leeg: nog onbekend (bij een gerucht of onderhandeling)."),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.PERMANENT)
    fee_amount = models.DecimalField(
        _("transfersom"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("In eenheden, niet in miljoenen: 2500000 voor 2,5 miljoen. Leeg: niet bekend."),
    )
    fee_max = models.DecimalField(
        _("tot (bij een vork)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Alleen als de som als vork gemeld is: 2 à 3 miljoen."),
    )
    fee_currency = models.CharField(
        _("munt"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    fee_official = models.BooleanField(
        _("som officieel"),
        default=False,
        help_text=_(
            "Aangevinkt: de clubs maakten de som bekend. Anders: volgens het medium hieronder."
        ),
    )
    fee_medium = models.ForeignKey(
        Medium,
        verbose_name=_("som volgens"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    window_year = models.PositiveSmallIntegerField(_("jaar"), default=_default_year)
    window_season = models.CharField(
        _("transferperiode"), max_length=6, choices=Season.choices, default=_default_season
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUMOUR, editable=False
    )
    status_changed_at = models.DateTimeField(
        _("status sinds"), default=timezone.now, editable=False
    )
    live_entries = models.ManyToManyField(
        "liveblogs.LiveBlogEntry",
        verbose_name=_("liveblog-updates"),
        blank=True,
        related_name="transfers",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TransferQuerySet.as_manager()

    panels = [
        FieldPanel("player"),
        FieldRowPanel([FieldPanel("from_club"), FieldPanel("to_club")]),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("fee_amount"), FieldPanel("fee_max"), FieldPanel("fee_currency")]
                ),
                FieldRowPanel([FieldPanel("fee_official"), FieldPanel("fee_medium")]),
            ],
            heading=_("Transfersom zoals gemeld"),
        ),
        FieldRowPanel(
            [FieldPanel("window_season"), FieldPanel("window_year")], heading=_("Transferperiode")
        ),
        InlinePanel("article_links", heading=_("Artikels over deze transfer"), label=_("Artikel")),
    ]

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-status_changed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["window_year", "window_season", "status"], name="transfers_window_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.player_name}: {self.route}"

    @property
    def player_name(self) -> str:
        return self.player.name if self.player_id else "?"

    @property
    def route(self) -> str:
        """`Antwerp → KV Mechelen`, with `?` for a club not known yet."""
        origin = self.from_club.name if self.from_club_id else _("zonder club")
        target = self.to_club.name if self.to_club_id else "?"
        return f"{origin} → {target}"

    @property
    def window(self) -> Window:
        return Window(self.window_year, self.window_season)

    @property
    def slug(self) -> str:
        parts = [self.player.name if self.player_id else "transfer"]
        if self.to_club_id:
            parts.append(self.to_club.name)
        return slugify(" ".join(parts))[:80] or "transfer"

    def get_absolute_url(self) -> str:
        return reverse("transfers:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_final(self) -> bool:
        return self.status in (Status.OFFICIAL, Status.OFF)

    def clean(self) -> None:
        """Everything that makes a transfer impossible as data, in one pass."""
        errors: dict[str, list] = {}

        def add(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        if self.from_club_id and self.from_club_id == self.to_club_id:
            add("to_club", _("Een speler kan niet van een club naar dezelfde club gaan."))
        if not self.from_club_id and not self.to_club_id:
            add("to_club", _("Geef minstens de club van herkomst of de nieuwe club."))
        for name in ("fee_amount", "fee_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                add(name, _("Een transfersom kan niet negatief zijn."))
        if self.fee_max is not None and self.fee_amount is None:
            add("fee_amount", _("Geef ook het laagste bedrag van de vork."))
        elif (
            self.fee_max is not None
            and self.fee_amount is not None
            and self.fee_max >= 0
            and self.fee_max <= self.fee_amount
        ):
            add("fee_max", _("Het hoogste bedrag van de vork moet boven het laagste liggen."))
        has_fee = self.fee_amount is not None and self.fee_amount > 0
        if has_fee and self.kind in FEELESS_KINDS:
            add(
                "fee_amount",
                _("Bij een %(kind)s betaalt niemand een transfersom.")
                % {"kind": Kind(self.kind).label},
            )
        if has_fee and not self.fee_official and not self.fee_medium_id:
            add("fee_medium", _("Zeg volgens welk medium, of vink aan dat de som officieel is."))
        if self.fee_official and self.fee_amount is None:
            add("fee_official", _("Een officiële som zonder bedrag: vul het bedrag in."))
        if self.fee_official and self.fee_medium_id:
            add("fee_medium", _("Een officiële som komt van de clubs, niet van een medium."))
        if self.fee_official and self.status != Status.OFFICIAL:
            add("fee_official", _("Alleen een officiële transfer heeft een officiële som."))
        if not FIRST_YEAR <= (self.window_year or 0) <= LAST_YEAR:
            add(
                "window_year",
                _("Geef een jaar tussen %(first)s en %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        if errors:
            raise ValidationError(errors)


class TransferArticle(Orderable):
    """An article about this transfer (linked in the admin, listed on the transfer page)."""

    transfer = ParentalKey(Transfer, related_name="article_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="transfer_links",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("artikel")
        verbose_name_plural = _("artikels")
        constraints = [
            models.UniqueConstraint(fields=["transfer", "article"], name="transfers_article_once")
        ]

    def __str__(self) -> str:
        return str(self.article)


class TransferEvent(models.Model):
    """One step in a transfer's life: its status from then on, and who reported it."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    previous_status = models.CharField(
        _("vorige status"), max_length=20, choices=Status.choices, blank=True
    )
    at = models.DateTimeField(_("wanneer"), default=timezone.now)
    medium = models.ForeignKey(
        Medium,
        verbose_name=_("bron"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Leeg: de clubs zelf (officieel)."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("artikel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entry = models.ForeignKey(
        "liveblogs.LiveBlogEntry",
        verbose_name=_("liveblog-update"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transferstap")
        verbose_name_plural = _("transferstappen")

    def __str__(self) -> str:
        return f"{self.transfer}: {self.get_status_display()}"

    @property
    def is_confirmation(self) -> bool:
        """Another source for the status the transfer already had."""
        return bool(self.previous_status) and self.previous_status == self.status

    @property
    def source_label(self) -> str:
        """`volgens Het Laatste Nieuws (betrouwbaar)` or `officieel`."""
        if self.medium_id:
            return _("volgens %(medium)s (%(rating)s)") % {
                "medium": self.medium.name,
                "rating": Reliability(self.medium.reliability).label,
            }
        return (
            str(_("officieel, van de clubs"))
            if self.status == Status.OFFICIAL
            else str(_("redactie"))
        )
