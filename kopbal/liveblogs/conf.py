"""The live blogs' knobs, with defaults; each can be overridden in Django settings."""

from django.conf import settings

DEFAULTS = {
    # Entries on the live blog page (and in each `Oudere updates` step) besides the pinned.
    "KOPBAL_LIVEBLOG_PAGE_SIZE": 20,
    # Pinned entries shown on top; more than a handful defeats the point of pinning.
    "KOPBAL_LIVEBLOG_PINNED_MAX": 5,
    # Key events in the summary at the top of the blog.
    "KOPBAL_LIVEBLOG_KEY_EVENTS_MAX": 30,
    # Key events of open live blogs on the home page.
    "KOPBAL_LIVEBLOG_HOME_KEY_EVENTS": 5,
    # How often a reader's open page asks for new entries (seconds): an entry reaches open
    # pages within this. The answer comes from the page cache (a 304 when nothing changed),
    # so this is cheap even with many readers.
    "KOPBAL_LIVEBLOG_POLL_SECONDS": 5,
    # Entries in the editor's list, per page.
    "KOPBAL_LIVEBLOG_ADMIN_PAGE_SIZE": 50,
}


def setting(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])
