"""A link from the page editor to the live blog editor, where the entries are written."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class EntriesLinkPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "liveblogs_admin/entries_link_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            pk = self.instance.pk
            context["editor_url"] = reverse("liveblogs_admin:editor", args=[pk]) if pk else ""
            context["count"] = self.instance.entries.visible().count() if pk else 0
            return context
