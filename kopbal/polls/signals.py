"""Signals around polls: `vote_cast` for whoever needs it, and page-cache purges when an
editor changes a poll (question, answers, times) or deletes it."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

# Sent after a vote was committed: sender=Poll, poll_id=int.
vote_cast = Signal()


def purge_poll(poll_id: int) -> None:
    """Every cached page that shows the poll, with its form or its results, is stale; so is
    the cached poll itself. After the commit: the answers are saved after the poll."""
    from kopbal.core.pagecache import purge

    from .models import poll_cache_key
    from .presentation import poll_form_tag, poll_tag

    def purge_all() -> None:
        cache.delete(poll_cache_key(poll_id))
        purge({poll_tag(poll_id), poll_form_tag(poll_id)})

    transaction.on_commit(purge_all)


@receiver(post_save, sender="polls.Poll")
@receiver(post_delete, sender="polls.Poll")
def poll_changed(sender, instance, **kwargs) -> None:
    purge_poll(instance.pk)
