"""Page-cache purges for transfers, in one place: any change to a transfer, its history or
its links makes the window pages, club pages and the transfer's own page stale."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TRANSFERS_TAG = "transfers"


def transfer_tag(transfer_id: int) -> str:
    return f"transfer-{transfer_id}"


def _purge(transfer_id: int | None) -> None:
    from kopbal.core.pagecache import purge

    tags = {TRANSFERS_TAG}
    if transfer_id:
        tags.add(transfer_tag(transfer_id))
    transaction.on_commit(lambda: purge(tags))


def transfer_changed(sender, instance, **kwargs) -> None:
    _purge(instance.pk)


def part_changed(sender, instance, **kwargs) -> None:
    _purge(getattr(instance, "transfer_id", None))


def entries_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        from .models import Transfer

        _purge(instance.pk if isinstance(instance, Transfer) else None)


def connect() -> None:
    from .models import Medium, Transfer, TransferArticle, TransferEvent

    post_save.connect(transfer_changed, sender=Transfer, dispatch_uid="transfers-purge-save")
    post_delete.connect(transfer_changed, sender=Transfer, dispatch_uid="transfers-purge-del")
    for model in (TransferEvent, TransferArticle):
        post_save.connect(part_changed, sender=model, dispatch_uid=f"transfers-purge-{model}")
        post_delete.connect(part_changed, sender=model, dispatch_uid=f"transfers-purge-del-{model}")
    post_save.connect(part_changed, sender=Medium, dispatch_uid="transfers-purge-medium")
    m2m_changed.connect(
        entries_changed,
        sender=Transfer.live_entries.through,
        dispatch_uid="transfers-purge-entries",
    )
