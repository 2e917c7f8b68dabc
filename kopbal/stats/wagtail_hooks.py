"""Reading figures in the admin: a report under Reports, and a button on every article."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .admin_views import ArticleStatsView, StatsIndexView

urlpatterns = [
    path("", StatsIndexView.as_view(), name="index"),
    path("<int:page_id>/", ArticleStatsView.as_view(), name="article"),
]


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [path("leescijfers/", include((urlpatterns, "kopbal_stats")))]


@hooks.register("register_reports_menu_item")
def register_stats_menu_item():
    return MenuItem(
        _("Leescijfers"),
        reverse("kopbal_stats:index"),
        name="leescijfers",
        icon_name="view",
        order=100,
    )


@hooks.register("register_page_header_buttons")
def article_stats_button(page, user, view_name, next_url=None):
    from kopbal.news.models import ArticlePage

    if page.specific_class is ArticlePage and page.pk:
        yield Button(
            _("Leescijfers"),
            reverse("kopbal_stats:article", args=[page.pk]),
            icon_name="view",
            priority=64,
        )
