"""Admin panels of a transfer: the first step on the create form, the history on the edit
form."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from .models import Transfer

CREATE_PANELS = [
    *Transfer.panels[:-1],
    MultiFieldPanel(
        [
            FieldPanel("initial_status"),
            FieldRowPanel([FieldPanel("medium"), FieldPanel("at")]),
            FieldPanel("note"),
            FieldPanel("source_article"),
            FieldPanel("source_entry"),
        ],
        heading=_("Eerste melding"),
    ),
    Transfer.panels[-1],
]


class HistoryPanel(Panel):
    """Every step with its source, newest first, and a link to add the next one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "transfers_admin/history_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            transfer = self.instance
            context["events"] = (
                transfer.events.select_related("medium", "article", "entry", "created_by").order_by(
                    "-at", "-pk"
                )
                if transfer.pk
                else []
            )
            context["status_url"] = (
                reverse("wagtailsnippets_transfers_transfer:status", args=[transfer.pk])
                if transfer.pk
                else ""
            )
            return context
