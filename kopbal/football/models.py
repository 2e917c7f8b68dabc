"""The football world as data: competitions, clubs, people and their careers, and the links
between articles and the clubs and people they speak of.

Clubs, people and competitions are snippets with revisions (history in the admin). The
article links are Orderables on the article (`club_tags`, `person_tags`), so they travel
with the article's revisions and `ArticlePage.objects.published().filter(club_tags__club=c)`
finds a club's articles.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from .choices import CompetitionKind, Country, Role

LINES_HELP = _("Eén per regel.")


def lines(value: str) -> list[str]:
    """The non-empty lines of a one-per-line text field."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class Competition(RevisionMixin, index.Indexed, models.Model):
    """A league, a cup or a European competition."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=60, blank=True)
    aliases = models.TextField(_("andere namen"), blank=True, help_text=LINES_HELP)
    kind = models.CharField(_("soort"), max_length=12, choices=CompetitionKind.choices)
    country = models.CharField(
        _("land"),
        max_length=6,
        choices=Country.choices,
        blank=True,
        help_text=_("Leeg voor Europese bekers."),
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), null=True, blank=True, help_text=_("1 voor de hoogste afdeling.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("aliases"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("level"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["country", "level", "name"]
        verbose_name = _("competitie")
        verbose_name_plural = _("competities")

    def __str__(self) -> str:
        return self.name


class Club(RevisionMixin, index.Indexed, models.Model):
    """A club, with every name readers and journalists use for it."""

    name = models.CharField(
        _("naam"), max_length=120, help_text=_("De naam zoals wij hem schrijven: KV Mechelen.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    official_name = models.CharField(_("officiële naam"), max_length=200, blank=True)
    short_name = models.CharField(
        _("korte naam"),
        max_length=60,
        blank=True,
        help_text=_("Zoals in koppen: Anderlecht, Genk, Club."),
    )
    abbreviations = models.TextField(
        _("afkortingen"), blank=True, help_text=_("Bijvoorbeeld KVM, RSCA. Eén per regel.")
    )
    nicknames = models.TextField(
        _("bijnamen"),
        blank=True,
        help_text=_("Bijvoorbeeld Maneblussers, Paars-Wit. Eén per regel."),
    )
    other_names = models.TextField(
        _("andere namen en vormen"),
        blank=True,
        help_text=_(
            "Andere schrijfwijzen en bijvoeglijke vormen (Brugse, Genkse). Eén per regel. "
            "Staat een naam bij twee clubs, dan koppelt de tagger hem alleen als de tekst "
            "zegt welke club bedoeld is."
        ),
    )
    city = models.CharField(_("stad"), max_length=80, blank=True)
    stadium = models.CharField(_("stadion"), max_length=120, blank=True)
    colours = models.CharField(_("kleuren"), max_length=80, blank=True)
    country = models.CharField(
        _("land"), max_length=6, choices=Country.choices, default=Country.BELGIUM
    )
    league = models.ForeignKey(
        Competition,
        verbose_name=_("competitie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clubs",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("official_name"),
                FieldPanel("short_name"),
            ],
            heading=_("Naam"),
        ),
        MultiFieldPanel(
            [FieldPanel("abbreviations"), FieldPanel("nicknames"), FieldPanel("other_names")],
            heading=_("Zo noemt de pers de club"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("stadium"),
                FieldPanel("colours"),
                FieldPanel("country"),
                FieldPanel("league"),
            ],
            heading=_("Feiten"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("short_name"),
        index.FilterField("country"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("club")
        verbose_name_plural = _("clubs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("football:club", kwargs={"slug": self.slug})

    @property
    def nickname_list(self) -> list[str]:
        """Nicknames for the club page, each written once (Paars-Wit, not also paars-wit)."""
        seen, out = set(), []
        for name in lines(self.nicknames):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
        return out

    @property
    def abbreviation_list(self) -> list[str]:
        return lines(self.abbreviations)


class Person(RevisionMixin, index.Indexed, ClusterableModel):
    """A player, coach or director, with the career that ties them to clubs."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    known_as = models.TextField(
        _("ook bekend als"),
        blank=True,
        help_text=_("Andere schrijfwijzen of roepnamen. Eén per regel."),
    )
    role = models.CharField(_("functie"), max_length=12, choices=Role.choices)
    current_club = models.ForeignKey(
        Club,
        verbose_name=_("huidige club"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_people",
    )
    nationality = models.CharField(
        _("nationaliteit"), max_length=6, choices=Country.choices, blank=True
    )
    bio = models.TextField(_("korte bio"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("known_as"),
        FieldPanel("role"),
        FieldPanel("current_club"),
        FieldPanel("nationality"),
        FieldPanel("bio"),
        InlinePanel("career", label=_("Loopbaan"), heading=_("Loopbaan")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("football:person", kwargs={"slug": self.slug})

    @property
    def surname(self) -> str:
        """Everything after the first name: `De Mil` for Rik De Mil."""
        parts = self.name.split()
        return " ".join(parts[1:]) if len(parts) > 1 else self.name


class CareerSpell(Orderable):
    """A period of a person at a club in one role; years left empty when unknown."""

    person = ParentalKey(Person, related_name="career", on_delete=models.CASCADE)
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="career_spells"
    )
    role = models.CharField(_("functie"), max_length=12, choices=Role.choices)
    from_year = models.PositiveSmallIntegerField(_("van (jaar)"), null=True, blank=True)
    to_year = models.PositiveSmallIntegerField(
        _("tot (jaar)"),
        null=True,
        blank=True,
        help_text=_("Leeg als het nog loopt of onbekend is."),
    )
    note = models.CharField(
        _("opmerking"), max_length=120, blank=True, help_text=_("Bijvoorbeeld: gehuurd, interim.")
    )

    panels = [
        FieldPanel("club"),
        FieldPanel("role"),
        FieldPanel("from_year"),
        FieldPanel("to_year"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("periode")
        verbose_name_plural = _("loopbaan")

    def clean(self) -> None:
        errors = {}
        for field in ("from_year", "to_year"):
            year = getattr(self, field)
            if year is not None and not 1850 <= year <= 2100:
                errors[field] = _("Geef een jaartal tussen 1850 en 2100.")
        if (
            self.from_year
            and self.to_year
            and self.to_year < self.from_year
            and "to_year" not in errors
        ):
            errors["to_year"] = _("Het eindjaar ligt voor het beginjaar.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        """Still running: no end year and the person's current club and role."""
        return (
            self.to_year is None
            and self.club_id == self.person.current_club_id
            and self.role == self.person.role
        )


class ClubFollow(models.Model):
    """A reader follows a club: its articles come to `Mijn clubs`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_follows"
    )
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "club"], name="football_follow_once")
        ]
        verbose_name = _("gevolgde club")
        verbose_name_plural = _("gevolgde clubs")

    def __str__(self) -> str:
        return f"{self.user} → {self.club}"


class ArticleClub(Orderable):
    """An article speaks of this club."""

    page = ParentalKey("news.ArticlePage", related_name="club_tags", on_delete=models.CASCADE)
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="article_tags"
    )

    panels = [FieldPanel("club")]

    class Meta(Orderable.Meta):
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        constraints = [
            models.UniqueConstraint(fields=["page", "club"], name="football_article_club_once")
        ]

    def __str__(self) -> str:
        return str(self.club)


class ArticlePerson(Orderable):
    """An article speaks of this person."""

    page = ParentalKey("news.ArticlePage", related_name="person_tags", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="article_tags"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [
            models.UniqueConstraint(fields=["page", "person"], name="football_article_person_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class RejectedTag(models.Model):
    """A suggestion the editor turned down: never applied again to this article."""

    page = ParentalKey("news.ArticlePage", related_name="rejected_tags", on_delete=models.CASCADE)
    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("geweigerde suggestie")
        verbose_name_plural = _("geweigerde suggesties")

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"club:{self.club_id}" if self.club_id else f"person:{self.person_id}"


class ArticleTaggingPreference(models.Model):
    """Whether the editor wants suggested tags added when this article is published.

    Kept beside the article rather than in its revisions: it is how the editor works, not
    what readers see.
    """

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagging_preference"
    )
    apply_on_publish = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("tagvoorkeur")
        verbose_name_plural = _("tagvoorkeuren")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.apply_on_publish}"


class RelatedArticle(Orderable):
    """An article the editor picked for `Lees ook` at the end of this one."""

    page = ParentalKey(
        "news.ArticlePage", related_name="related_articles", on_delete=models.CASCADE
    )
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("lees ook")
        verbose_name_plural = _("lees ook")

    def __str__(self) -> str:
        return f"{self.page_id} → {self.article_id}"
