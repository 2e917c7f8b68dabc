"""The transfer tracker in the admin: transfers and media as snippets, the status form, the
history on the edit screen, and `Transfers` buttons on articles."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .admin_views import SourceTransfersView, TransferCreateView, TransferStatusView, link_source
from .forms import TransferAdminForm, TransferCreateForm
from .models import Medium, Transfer
from .panels import CREATE_PANELS, HistoryPanel


def _status(transfer: Transfer) -> str:
    url = reverse("wagtailsnippets_transfers_transfer:status", args=[transfer.pk])
    return format_html('<a href="{}">{}</a>', url, transfer.get_status_display())


class TransferEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Status wijzigen"),
                url=reverse("wagtailsnippets_transfers_transfer:status", args=[self.object.pk]),
                icon_name="resubmit",
                priority=5,
            )
        )
        buttons.append(
            Button(
                _("Bekijk op de site"),
                url=self.object.get_absolute_url(),
                icon_name="view",
                priority=6,
            )
        )
        return buttons


class TransferViewSet(SnippetViewSet):
    model = Transfer
    icon = "resubmit"
    menu_label = _("Transfers")
    menu_name = "transfers"
    menu_order = 205
    add_to_admin_menu = True
    add_view_class = TransferCreateView
    edit_view_class = TransferEditView
    list_display = [
        Column("player", label=_("Speler"), accessor="player_name"),
        Column("route", label=_("Van → naar"), accessor="route"),
        "kind",
        Column("status", label=_("Status"), accessor=_status, sort_key="status"),
        Column("window", label=_("Periode"), accessor=lambda t: t.window.label),
        "status_changed_at",
    ]
    list_filter = ["status", "kind", "window_season", "window_year"]
    search_fields = ["player__name", "from_club__name", "to_club__name"]
    search_backend_name = None
    ordering = ["-status_changed_at"]

    @cached_property
    def edit_handler(self):
        return ObjectList(
            [*Transfer.panels, HistoryPanel(heading=_("Geschiedenis"))],
            base_form_class=TransferAdminForm,
        )

    def get_queryset(self, request):
        return Transfer.objects.select_related("player", "from_club", "to_club")

    def get_add_view_kwargs(self, **kwargs):
        handler = ObjectList(CREATE_PANELS, base_form_class=TransferCreateForm).bind_to_model(
            Transfer
        )
        return super().get_add_view_kwargs(
            panel=handler, form_class=handler.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("status/<int:pk>/", TransferStatusView.as_view(), name="status"),
            path("koppel/<int:pk>/", link_source, name="link"),
            path("bron/", SourceTransfersView.as_view(), name="for_source"),
        ]


class MediumViewSet(SnippetViewSet):
    model = Medium
    icon = "doc-full"
    menu_label = _("Media")
    menu_name = "media"
    add_to_settings_menu = False
    list_display = ["name", "reliability", "url"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(TransferViewSet)
register_snippet(MediumViewSet)


@hooks.register("register_page_header_buttons")
def article_transfers_button(page, user, view_name=None, next_url=None):
    from kopbal.news.models import ArticlePage

    if page.specific_class is ArticlePage and (
        user.has_perm("transfers.add_transfer") or user.has_perm("transfers.change_transfer")
    ):
        yield Button(
            _("Transfers in dit artikel"),
            reverse("wagtailsnippets_transfers_transfer:for_source") + f"?pagina={page.pk}",
            icon_name="resubmit",
            priority=6,
        )
