"""An unpublished or deleted article leaves `Meest gelezen` / `Meest besproken` at once."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_unpublished

from .ranking import refresh_lists


def _refresh_after_commit() -> None:
    transaction.on_commit(refresh_lists)


@receiver(page_unpublished)
def unpublished(sender, instance, **kwargs) -> None:
    _refresh_after_commit()


@receiver(post_delete, sender="wagtailcore.Page")
def deleted(sender, instance, **kwargs) -> None:
    _refresh_after_commit()
