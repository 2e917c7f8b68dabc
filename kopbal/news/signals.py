"""What happens when pages change: caches that depend on the page tree are cleared here."""

from django.core.cache import cache
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from kopbal.core.context_processors import NAVIGATION_CACHE_KEY


@receiver(page_published)
@receiver(page_unpublished)
def clear_navigation(sender, instance, **kwargs) -> None:
    from .models import SectionPage

    if isinstance(instance.specific_deferred, SectionPage):
        cache.delete(NAVIGATION_CACHE_KEY)
