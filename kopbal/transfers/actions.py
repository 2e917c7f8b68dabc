"""Creating transfers and moving them through their life cycle, each in one transaction.

A transfer never exists without its first step in the history, and a status never changes
without a step: both are written together or not at all. Cached pages that show transfers
are purged after the commit (kopbal.transfers.signals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Status
from .lifecycle import check_transition
from .models import Medium, Transfer, TransferArticle, TransferEvent


@dataclass
class Step:
    """A reported step: the status, who reported it, and what we wrote about it."""

    status: str
    medium: Medium | None = None
    note: str = ""
    reason: str = ""
    at: datetime | None = None
    article: object | None = None  # news.ArticlePage
    entry: object | None = None  # liveblogs.LiveBlogEntry


def _link_sources(transfer: Transfer, article, entry) -> None:
    if article is not None:
        TransferArticle.objects.get_or_create(
            transfer=transfer,
            article=article,
            defaults={"sort_order": transfer.article_links.count()},
        )
    if entry is not None:
        transfer.live_entries.add(entry)


def _check_time(at: datetime | None) -> datetime:
    now = timezone.now()
    if at is None:
        return now
    if at > now + timedelta(minutes=2):
        raise ValidationError({"at": _("Een stap kan niet in de toekomst liggen.")})
    return at


def do_create_transfer(transfer: Transfer, step: Step, *, user) -> Transfer:
    """A new transfer with its first step (usually a rumour, sometimes straight official)."""
    at = _check_time(step.at)
    transfer.status = step.status
    transfer.status_changed_at = at
    if step.status not in Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if step.status == Status.OFFICIAL and not transfer.to_club_id:
        raise ValidationError({"to_club": _("Een officiële transfer heeft een nieuwe club.")})
    transfer.full_clean()
    with transaction.atomic():
        transfer.save()  # with the inline article links (a ClusterableModel saves them)
        TransferEvent.objects.create(
            transfer=transfer,
            status=step.status,
            previous_status="",
            at=at,
            medium=step.medium,
            note=step.note,
            reason=step.reason,
            article=step.article,
            entry=step.entry,
            created_by=user,
        )
        _link_sources(transfer, step.article, step.entry)
    return transfer


def do_change_status(transfer: Transfer, step: Step, *, user) -> TransferEvent:
    """The next step in the transfer's life, kept in its history. Refused changes raise
    ValidationError and write nothing."""
    at = _check_time(step.at)
    with transaction.atomic():
        locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
        check_transition(
            locked.status,
            step.status,
            has_source=step.medium is not None,
            reason=step.reason,
            has_destination=bool(locked.to_club_id),
        )
        event = TransferEvent.objects.create(
            transfer=locked,
            status=step.status,
            previous_status=locked.status,
            at=at,
            medium=step.medium,
            note=step.note,
            reason=step.reason.strip(),
            article=step.article,
            entry=step.entry,
            created_by=user,
        )
        if step.status != locked.status:
            Transfer.objects.filter(pk=locked.pk).update(
                status=step.status, status_changed_at=at, updated_at=timezone.now()
            )
        else:
            Transfer.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        _link_sources(locked, step.article, step.entry)
    transfer.refresh_from_db()
    return event


def do_link_source(transfer: Transfer, *, article=None, entry=None) -> None:
    """An article or live-blog update speaks of this transfer (no status change)."""
    if article is None and entry is None:
        raise ValidationError(_("Kies een artikel of een liveblog-update."))
    with transaction.atomic():
        _link_sources(transfer, article, entry)
        Transfer.objects.filter(pk=transfer.pk).update(updated_at=timezone.now())
