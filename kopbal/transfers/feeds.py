"""RSS and Atom of transfer status changes: one transfer's, or every transfer's."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Transfer, TransferEvent

FEED_SIZE = 50


class TransferEventsFeed(Feed):
    """Every status change of every transfer, newest first."""

    feed_type = Rss201rev2Feed
    language = "nl-BE"

    def title(self, obj=None) -> str:
        return _("Transfers | %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, obj=None) -> str:
        from django.urls import reverse

        return reverse("transfers:current")

    def description(self, obj=None) -> str:
        return _("Elke nieuwe stap in elke transfer: geruchten, akkoorden, officiële deals.")

    subtitle = description

    def events(self, obj):
        return TransferEvent.objects.all()

    def items(self, obj=None):
        return (
            self.events(obj)
            .select_related(
                "transfer__player", "transfer__from_club", "transfer__to_club", "medium"
            )
            .order_by("-at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: TransferEvent) -> str:
        transfer = item.transfer
        if item.is_confirmation:
            return _("%(player)s (%(route)s): %(status)s, bevestigd %(source)s") % {
                "player": transfer.player.name,
                "route": transfer.route,
                "status": item.get_status_display(),
                "source": item.source_label,
            }
        return _("%(player)s (%(route)s): %(status)s") % {
            "player": transfer.player.name,
            "route": transfer.route,
            "status": item.get_status_display(),
        }

    def item_description(self, item: TransferEvent) -> str:
        parts = [item.source_label.capitalize()]
        if item.note:
            parts.append(item.note)
        if item.reason:
            parts.append(_("Reden: %(reason)s") % {"reason": item.reason})
        return ". ".join(parts)

    def item_link(self, item: TransferEvent) -> str:
        return f"{item.transfer.get_absolute_url()}#stap-{item.pk}"

    def item_guid(self, item: TransferEvent) -> str:
        return f"kopbal-transfer-step-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: TransferEvent):
        return item.at


class TransferFeed(TransferEventsFeed):
    """One transfer's status changes."""

    def get_object(self, request: HttpRequest, pk: int, slug: str) -> Transfer:
        return get_object_or_404(
            Transfer.objects.select_related("player", "from_club", "to_club"), pk=pk
        )

    def title(self, obj: Transfer) -> str:
        return f"{obj} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: Transfer) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Transfer) -> str:
        return _("Elke stap in de transfer van %(player)s.") % {"player": obj.player.name}

    subtitle = description

    def events(self, obj: Transfer):
        return TransferEvent.objects.filter(transfer=obj)
