"""The live blog editor in the admin: its URLs, and buttons to it from the page tree and the
page's edit screen."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_urls
from .models import LiveBlogPage


@hooks.register("register_admin_urls")
def register_liveblog_admin_urls():
    return [path("liveblogs/", include(admin_urls, namespace="liveblogs_admin"))]


def _editor_button(page, user, priority: int):
    if page.specific_class is LiveBlogPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Updates schrijven"),
            reverse("liveblogs_admin:editor", args=[page.pk]),
            icon_name="time",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def liveblog_header_button(page, user, view_name=None, next_url=None):
    yield from _editor_button(page, user, priority=5)


@hooks.register("register_page_listing_more_buttons")
def liveblog_listing_button(page, user, next_url=None):
    yield from _editor_button(page, user, priority=1)
