"""Polls in the Wagtail admin: a snippet with its answers inline, history, and the votes."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .admin_views import PollVotesView
from .models import Poll


def _votes_link(poll: Poll) -> str:
    url = reverse("wagtailsnippets_polls_poll:votes", args=[poll.pk])
    return format_html('<a href="{}">{}</a>', url, getattr(poll, "vote_total", "…"))


def _state(poll: Poll) -> str:
    return poll.state().label


class PollEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Stemmen en fraude"),
                url=reverse("wagtailsnippets_polls_poll:votes", args=[self.object.pk]),
                icon_name="list-ul",
                priority=5,
            )
        )
        return buttons


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Peilingen")
    menu_name = "polls"
    menu_order = 210
    add_to_admin_menu = True
    edit_view_class = PollEditView
    list_display = [
        "question",
        Column("state", label=_("Status"), accessor=_state),
        Column("vote_total", label=_("Stemmen"), accessor=_votes_link, sort_key="vote_total"),
        "created_at",
    ]
    search_fields = ["question"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Poll.objects.with_vote_total()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("votes/<int:poll_id>/", PollVotesView.as_view(), name="votes"),
        ]


register_snippet(PollViewSet)


@hooks.register("register_log_actions")
def register_poll_log_actions(actions) -> None:
    actions.register_action(
        "kopbal_polls.discard", _("Stemmen geschrapt"), _("Stemmen geschrapt (fraude)")
    )
    actions.register_action(
        "kopbal_polls.restore", _("Stemmen hersteld"), _("Geschrapte stemmen opnieuw geteld")
    )
