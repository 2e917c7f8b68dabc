"""The moderation screens in the Wagtail admin, for the Moderators group."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .admin_views import BULK_ACTIONS, CommentsAdminGroup, ReaderHistoryView, can_moderate
from .models import Comment

for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_viewset")
def register_comments_admin():
    return CommentsAdminGroup()


@hooks.register("register_admin_urls")
def comments_admin_urls():
    return [
        path(
            "reacties/lezer/<int:user_id>/",
            ReaderHistoryView.as_view(),
            name="comments_admin_reader_history",
        ),
    ]


class QueuePanel(Component):
    """On the dashboard: how many comments wait, one click from the queue."""

    order = 50

    def render_html(self, parent_context=None):
        waiting = Comment.objects.in_queue().count()
        text = ngettext(
            "%(n)d reactie wacht op een moderator.",
            "%(n)d reacties wachten op een moderator.",
            waiting,
        ) % {"n": waiting}
        return format_html(
            '<section class="panel summary nice-padding"><h2 class="visuallyhidden">{}</h2>'
            '<p><a href="{}">{}</a></p></section>',
            _("Reacties"),
            reverse("reacties:index"),
            text,
        )


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if can_moderate(request.user):
        panels.append(QueuePanel())
