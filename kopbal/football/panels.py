"""The article editor's `Clubs en personen` panel: suggestions with the words that triggered
them, accept or ignore each, and the tags and `Lees ook` picks as inline lists."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, Panel

FIELDS = ["tags_accepted", "tags_rejected", "related_accepted", "apply_tag_suggestions"]


class TagSuggestionsPanel(Panel):
    """Renders the suggestions box; the script fills it from the form as the editor types."""

    def get_form_options(self) -> dict:
        # Claim the form's own fields, so that Wagtail does not render them a second time.
        return {"fields": list(FIELDS)}

    class BoundPanel(Panel.BoundPanel):
        template_name = "football/admin/tag_suggestions_panel.html"

        class Media:
            js = ["football/js/tag_suggestions.js"]
            css = {"all": ["football/css/tag_suggestions.css"]}

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["endpoint"] = reverse("football_admin:suggest")
            context["page_id"] = self.instance.pk or ""
            context["fields"] = {name: self.form[name] for name in FIELDS}
            return context


def article_tag_panels() -> list[Panel]:
    """The panels ArticlePage puts in its content tab."""
    return [
        TagSuggestionsPanel(heading=_("Clubs en personen: suggesties")),
        InlinePanel("club_tags", heading=_("Clubs"), label=_("Club")),
        InlinePanel("person_tags", heading=_("Personen"), label=_("Persoon")),
        InlinePanel(
            "related_articles",
            heading=_("Lees ook"),
            label=_("Artikel"),
            help_text=_("Leeg: onder het artikel staan de best passende artikels."),
        ),
    ]
