"""Live blogs: a page under a section, and its entries as rows of their own.

Entries are not a StreamField on the page: posting one is a single INSERT (no page revision,
no re-publish), readers' pages pick it up through a small cached poll, and 500 entries cost
the page no more than 20 do (it shows the newest ones and loads older ones on demand).
Deleting an entry keeps its row (`deleted_at`), so that an open reader page learns it is gone
and nothing an editor posted is lost by a slip.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kopbal.core.pagecache import CachedPageMixin

from .panels import EntriesLinkPanel

ENTRY_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def liveblog_tag(blog_id: int) -> str:
    """The page-cache key of everything that shows a blog's entries (page, poll answer)."""
    return f"liveblog-{blog_id}"


# Everything that shows key events of open live blogs (the home page).
KEY_EVENTS_TAG = "liveblogs"


class LiveBlogPage(CachedPageMixin, Page):
    """A live blog: deadline day, a match, a press conference. Entries come and go live
    without re-publishing the page."""

    lead = models.TextField(_("inleiding"), help_text=_("Waarover gaat deze liveblog?"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdfoto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("onderschrift"), max_length=250, blank=True)
    key_events_on_home = models.BooleanField(
        _("sleutelmomenten op de voorpagina"),
        default=True,
        help_text=_("Zolang de liveblog open is, staan de sleutelmomenten op de voorpagina."),
    )
    # Set by the close/reopen actions, never by a revision: see with_content_json.
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        EntriesLinkPanel(heading=_("Updates")),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading=_("Hoofdfoto")
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("key_events_on_home")]
    search_fields = Page.search_fields + [index.SearchField("lead")]

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("liveblog")
        verbose_name_plural = _("liveblogs")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def cache_tags(self) -> set[str]:
        return super().cache_tags() | {liveblog_tag(self.pk)}

    def with_content_json(self, content):
        """Publishing an older revision must not reopen (or close) the blog."""
        obj = super().with_content_json(content)
        obj.closed_at = self.closed_at
        return obj

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .rendering import blog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(blog_context(self, request))
        return context


class EntryQuerySet(models.QuerySet):
    def visible(self) -> EntryQuerySet:
        """What readers see: not deleted."""
        return self.filter(deleted_at__isnull=True)

    def stream(self) -> EntryQuerySet:
        """The timeline under the pinned entries, newest first."""
        return self.visible().filter(is_pinned=False).order_by("-posted_at", "-pk")

    def pinned(self) -> EntryQuerySet:
        return self.visible().filter(is_pinned=True).order_by("-posted_at", "-pk")

    def key_events(self) -> EntryQuerySet:
        return self.visible().filter(is_key_event=True).order_by("-posted_at", "-pk")

    def from_entry(self, entry: LiveBlogEntry) -> EntryQuerySet:
        """This entry and everything older, in timeline order (the `?vanaf=` cursor)."""
        return self.filter(
            Q(posted_at__lt=entry.posted_at) | Q(posted_at=entry.posted_at, pk__lte=entry.pk)
        )

    def for_display(self) -> EntryQuerySet:
        """The related rows an entry shows, in the same query (images and polls: prefetch)."""
        return self.select_related("author__author_profile", "article", "promoted_to")


class LiveBlogEntry(models.Model):
    """One update in a live blog: time, text and optionally a photo, a video or post, a poll
    or a link to an article."""

    blog = models.ForeignKey(
        LiveBlogPage,
        verbose_name=_("liveblog"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    posted_at = models.DateTimeField(
        _("tijdstip"),
        default=timezone.now,
        help_text=_("Leeg: nu. Een vroeger tijdstip zet de update op zijn plaats in de tijdlijn."),
    )
    headline = models.CharField(
        _("kop"),
        max_length=160,
        blank=True,
        help_text=_("Kort en krachtig; verplicht voor een sleutelmoment."),
    )
    body = RichTextField(_("tekst"), features=ENTRY_FEATURES, blank=True)
    # The body as readers get it (links expanded), made when the entry is saved: showing
    # 20 entries then costs no query per entry.
    body_html = models.TextField(editable=False, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_caption = models.CharField(_("onderschrift"), max_length=250, blank=True)
    embed_url = models.URLField(
        _("insluiten (link)"),
        blank=True,
        help_text=_("Een link naar een video of bericht (YouTube, X, Instagram ...)."),
    )
    embed_html = models.TextField(editable=False, blank=True)
    poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("peiling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("artikel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Verwijs naar een artikel: lezers zien de kop als link."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("vastgepind"), default=False)
    is_key_event = models.BooleanField(_("sleutelmoment"), default=False)
    promoted_to = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("eigen artikel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Bumped by every change, deletion included: the readers' poll compares it.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("liveblog-update")
        verbose_name_plural = _("liveblog-updates")
        ordering = ["-posted_at", "-pk"]
        indexes = [
            models.Index(fields=["blog", "-posted_at", "-id"], name="liveblogs_timeline"),
            models.Index(fields=["blog", "-updated_at"], name="liveblogs_changes"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        """The body as plain text (JSON-LD, summaries, the admin list)."""
        return " ".join(strip_tags(self.body_html.replace("</p>", "</p> ")).split())

    @property
    def title(self) -> str:
        """The headline, or the start of the text when there is none."""
        return self.headline or Truncator(self.text).chars(90) or str(_("Update"))

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    @property
    def revision_token(self) -> str:
        """Changes whenever the reader should see the entry anew."""
        return str(int(self.updated_at.timestamp() * 1000))

    @property
    def author_name(self) -> str:
        """The byline name: the journalist's author profile, else the account's name."""
        if self.author is None:
            return ""
        profile = getattr(self.author, "author_profile", None)
        if profile is not None:
            return profile.name
        return self.author.display_name or self.author.get_username()
