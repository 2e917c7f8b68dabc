"""The editor's entry form: the same for a new entry and for correcting one."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput, AdminPageChooser
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.widgets import AdminImageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from kopbal.polls.models import Poll

from .actions import EntryData
from .models import LiveBlogEntry

# Clocks differ a little between the newsroom's laptops and the server.
FUTURE_TOLERANCE = timedelta(minutes=2)


class EntryForm(WagtailAdminModelForm):
    embed_url = forms.URLField(
        label=LiveBlogEntry._meta.get_field("embed_url").verbose_name,
        help_text=LiveBlogEntry._meta.get_field("embed_url").help_text,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = LiveBlogEntry
        fields = [
            "headline",
            "body",
            "image",
            "image_caption",
            "embed_url",
            "poll",
            "article",
            "is_pinned",
            "is_key_event",
            "posted_at",
        ]
        # Explicit: this form class is built at import time, possibly before the apps'
        # admin hooks have registered their chooser widgets for these foreign keys.
        widgets = {
            "image": AdminImageChooser,
            "poll": AdminSnippetChooser(Poll),
            "article": AdminPageChooser(target_models=["news.ArticlePage"]),
            "posted_at": AdminDateTimeInput,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posted_at"].required = False
        self.fields["posted_at"].initial = None
        if not self.instance.pk:
            self.fields["posted_at"].help_text = _("Leeg: nu.")
        self.fields["headline"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
        self.embed_html = self.instance.embed_html if self.instance.pk else ""

    def clean_posted_at(self):
        value = self.cleaned_data.get("posted_at")
        if value and value > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                _("Een update kan niet in de toekomst liggen: laat het veld leeg voor nu.")
            )
        return value

    def clean_embed_url(self) -> str:
        url = (self.cleaned_data.get("embed_url") or "").strip()
        if not url:
            self.embed_html = ""
            return ""
        if self.instance.pk and url == self.instance.embed_url and self.instance.embed_html:
            return url
        try:
            embed = get_embed(url)
        except EmbedException:
            raise forms.ValidationError(
                _(
                    "Deze link kunnen we niet insluiten. Plak de link van een video of bericht "
                    "op YouTube, Vimeo, X of Instagram, of zet hem als link in de tekst."
                )
            ) from None
        self.embed_html = embed.html
        return url

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            headline=data.get("headline", ""),
            body=data.get("body", "") or "",
            image=data.get("image"),
            image_caption=data.get("image_caption", ""),
            embed_url=data.get("embed_url", ""),
            embed_html=self.embed_html,
            poll=data.get("poll"),
            article=data.get("article"),
            is_pinned=bool(data.get("is_pinned")),
            is_key_event=bool(data.get("is_key_event")),
            posted_at=data.get("posted_at"),
        )
