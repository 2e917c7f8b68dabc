"""What moves the football content version: a cached `Clubs/Lees ook` part of an article is
dropped once an article goes offline (no link to a page that is gone) or a club or person
changes. A newly published article joins other articles' `Lees ook` when their cached part
expires (football_tags.CACHE_SECONDS): publishing does not empty every article's part.
A club or person edit also purges their pages from the anonymous page cache."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_unpublished

from kopbal.core.purge import purge_on_commit

from .models import Club, Person

logger = logging.getLogger(__name__)
VERSION_KEY = "football:version"


def content_version() -> int:
    try:
        return cache.get_or_set(VERSION_KEY, 1, timeout=None)
    except Exception:  # noqa: BLE001 - no cache: treat every render as new
        logger.warning("Cache onbereikbaar: voetbalversie onbekend", exc_info=True)
        return 0


def bump() -> None:
    try:
        cache.add(VERSION_KEY, 1, timeout=None)
        cache.incr(VERSION_KEY)
    except Exception:  # noqa: BLE001 - a cache outage must not block publishing
        logger.warning("Cache onbereikbaar: voetbalversie niet verhoogd", exc_info=True)


@receiver(page_unpublished)
def page_went_offline(sender, **kwargs) -> None:
    bump()


@receiver(post_save, sender=Club)
@receiver(post_delete, sender=Club)
def club_changed(sender, instance, **kwargs) -> None:
    bump()
    # The anonymous page cache (kopbal.core.pagecache): the club's page and the club list.
    purge_on_commit({f"club-{instance.pk}", "clubs"})


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
def person_changed(sender, instance, **kwargs) -> None:
    bump()
    tags = {f"person-{instance.pk}"}
    if instance.current_club_id:
        tags.add(f"club-{instance.current_club_id}")  # its `Nu bij de club` list
    purge_on_commit(tags)
