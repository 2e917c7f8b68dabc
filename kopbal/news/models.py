"""The newsroom's pages: home, sections and articles, and the authors behind the byline."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from kopbal.core.pagecache import CachedPageMixin
from kopbal.football.forms import ArticlePageForm
from kopbal.football.panels import article_tag_panels

from .blocks import ArticleBodyBlock
from .text import make_teaser


class Author(index.Indexed, models.Model):
    """A journalist in the `door …` line, with a public page of their articles."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:author", kwargs={"slug": self.slug})


def _on_path(relation: str) -> Q:
    """A view restriction whose page (through `relation`) is the row's page or an ancestor."""
    return Q(**{f"{relation}path": Substr(OuterRef("path"), 1, Length(f"{relation}path"))})


class ArticlePageQuerySet(PageQuerySet):
    def published(self) -> ArticlePageQuerySet:
        """What a reader may see: live, public, and past its go-live time."""
        now = timezone.now()
        # Wagtail's public() first loads every view restriction: one query more per list.
        # A subquery does the same in the list's own query.
        restricted = PageViewRestriction.objects.filter(_on_path("page__"))
        return (
            self.live()
            .exclude(Exists(restricted))
            .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
            .filter(first_published_at__isnull=False)
        )

    def with_view_restricted(self) -> ArticlePageQuerySet:
        """`view_restricted`: a view restriction on the page or an ancestor (or on the source
        of an aliased ancestor), in the page's own query (see CachedPageMixin)."""
        restricted = PageViewRestriction.objects.filter(
            _on_path("page__") | _on_path("page__aliases__")
        )
        return self.annotate(view_restricted=Exists(restricted))

    def with_comment_count(self) -> ArticlePageQuerySet:
        """Each article's visible comment count, in the same query as the list."""
        from kopbal.comments.models import visible_count_expression

        return self.annotate(comment_count=visible_count_expression(OuterRef("pk")))

    def for_listing(self) -> ArticlePageQuerySet:
        """A teaser list: newest first, counts included, only the columns teasers use."""
        return (
            self.with_comment_count()
            .select_related("hero_image")
            .order_by("-first_published_at", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class HomePage(CachedPageMixin, Page):
    """The front page: the top story and `Meest recent`."""

    top_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("topverhaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg: het nieuwste artikel staat bovenaan."),
    )
    featured_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("peiling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een peiling in de zijkolom van de voorpagina. Leeg: geen peiling."),
    )

    content_panels = Page.content_panels + [FieldPanel("top_story"), FieldPanel("featured_poll")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]

    class Meta:
        verbose_name = _("voorpagina")

    def get_top_story(self) -> ArticlePage | None:
        """The editor's pick if readers may see it, else the newest article (with its
        comment count). Rendered with `Meest recent` below it: news_tags.home_news."""
        published = ArticlePage.objects.published().for_listing()
        top = None
        if self.top_story_id:
            top = published.filter(pk=self.top_story_id).first()
        return top if top is not None else published.first()


class SectionPage(CachedPageMixin, Page):
    """A section such as Belgisch voetbal: its articles, newest first, paginated."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage", "liveblogs.LiveBlogPage"]

    class Meta:
        verbose_name = _("rubriek")
        verbose_name_plural = _("rubrieken")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().child_of(self).for_listing()
        context["page_obj"] = Paginator(articles, settings.KOPBAL_PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(CachedPageMixin, Page):
    """A football article: headline (the page title), byline, lead and a block body."""

    lead = models.TextField(_("lead"), help_text=_("De inleiding, vetgedrukt onder de kop."))
    teaser = models.CharField(
        _("teaser"),
        max_length=200,
        blank=True,
        help_text=_("Leeg: de eerste zin van de lead, afgekapt met ..."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdfoto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("onderschrift"), max_length=250, blank=True)
    hero_credit = models.CharField(_("fotograaf / bron"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("tekst"), blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    source_comment_count = models.PositiveIntegerField(
        _("reacties op de bron"),
        default=0,
        editable=False,
        help_text=_("Het aantal reacties dat de geïmporteerde pagina toonde."),
    )

    comments_closed = models.BooleanField(
        _("reacties gesloten"), default=False, help_text=_("Niemand kan nog reageren.")
    )
    comments_premoderated = models.BooleanField(
        _("alle reacties eerst nakijken"),
        default=False,
        help_text=_("Elke reactie wacht op een moderator voor ze verschijnt."),
    )
    accepts_comments = True

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        InlinePanel("article_authors", label=_("Auteurs"), min_num=0),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Hoofdfoto"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        *article_tag_panels(),
    ]
    # Suggested clubs and people: accepted, ignored or applied at publish (kopbal.football).
    base_form_class = ArticlePageForm
    promote_panels = Page.promote_panels + [FieldPanel("teaser")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("comments_closed"), FieldPanel("comments_premoderated")],
            heading=_("Reacties"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
        # published() filters on it; search (kopbal/search) runs on published() querysets.
        index.FilterField("go_live_at"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikels")

    @property
    def headline(self) -> str:
        return self.title

    @property
    def teaser_text(self) -> str:
        return self.teaser or make_teaser(self.lead, settings.KOPBAL_TEASER_LENGTH)

    def get_authors(self) -> list[Author]:
        return [rel.author for rel in self.article_authors.select_related("author").all()]


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(
        Author, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur")
        unique_together = [("page", "author")]
