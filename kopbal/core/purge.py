"""Every cache purge in one place: what changes, and which cached pages it makes stale.

- An article published, edited (re-published), unpublished, moved or deleted: its own
  page and every list of articles (`articles`).
- A section published or unpublished: the header navigation as well.
- An author renamed or deleted: every list and every byline (`articles`).
- A comment saved or deleted: the article's page (counts in other lists follow within
  KOPBAL_PAGE_CACHE_SECONDS).
- A vote: the pages that show the poll (`poll-<id>`).
Purges run after the transaction commits, so no reader sees the old page re-cached.
"""

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .context_processors import NAVIGATION_CACHE_KEY
from .pagecache import purge


def purge_on_commit(tags: set[str]) -> None:
    transaction.on_commit(lambda: purge(tags))


def page_changed(sender, instance, **kwargs) -> None:
    page = instance.specific_deferred if isinstance(instance, Page) else instance
    purge_on_commit({f"page-{page.pk}", "articles"})
    if type(page).__name__ == "SectionPage":
        cache.delete(NAVIGATION_CACHE_KEY)


def author_changed(sender, instance, **kwargs) -> None:
    purge_on_commit({"articles"})


def comment_changed(sender, instance, **kwargs) -> None:
    purge_on_commit({f"page-{instance.page_id}"})


def vote_changed(sender, instance, **kwargs) -> None:
    poll_id = getattr(instance, "poll_id", None)
    if poll_id is not None:
        purge_on_commit({f"poll-{poll_id}"})


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="kopbal-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="kopbal-purge-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="kopbal-purge-moved")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="kopbal-purge-deleted")
    author = apps.get_model("news", "Author")
    post_save.connect(author_changed, sender=author, dispatch_uid="kopbal-purge-author")
    post_delete.connect(author_changed, sender=author, dispatch_uid="kopbal-purge-author-del")
    if apps.is_installed("kopbal.comments"):
        comment = apps.get_model("comments", "Comment")
        post_save.connect(comment_changed, sender=comment, dispatch_uid="kopbal-purge-comment")
        post_delete.connect(
            comment_changed, sender=comment, dispatch_uid="kopbal-purge-comment-del"
        )
    if apps.is_installed("kopbal.polls"):
        vote = apps.get_model("polls", "Vote")
        post_save.connect(vote_changed, sender=vote, dispatch_uid="kopbal-purge-vote")
        post_delete.connect(vote_changed, sender=vote, dispatch_uid="kopbal-purge-vote-del")
