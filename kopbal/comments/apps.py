from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "kopbal.comments"
    label = "comments"
    verbose_name = "Reacties"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.permissions import register_permission_policy

        from .admin_views import CommentPolicy, ReadOnlyPolicy
        from .models import Ban, BannedWord, Comment, CommentSettings, ModerationLog
        from .rules import forget_cached_rules

        # Comments change only through the logged moderation actions; the audit log and
        # the bans are never edited by hand, not even by a superuser.
        register_permission_policy(Comment, CommentPolicy(Comment), exact_class=True)
        register_permission_policy(ModerationLog, ReadOnlyPolicy(ModerationLog), exact_class=True)
        register_permission_policy(Ban, ReadOnlyPolicy(Ban), exact_class=True)

        from . import parts  # noqa: F401 - registers the login hint as a personal part
        from .signals import comments_changed

        def purge_pages(sender, page_ids, **kwargs):
            # Likes and bulk moderation change rows without a model save: the cached
            # article pages must still show it within seconds.
            from kopbal.core.pagecache import purge

            purge({f"page-{pk}" for pk in page_ids})

        comments_changed.connect(purge_pages, weak=False, dispatch_uid="comments-purge-pages")

        def forget(**kwargs):
            from kopbal.core.pagecache import purge

            from .templatetags.comment_section import RULES_TAG

            forget_cached_rules()
            purge({RULES_TAG})  # the comment sections kept rendered show the rules

        for model in (CommentSettings, BannedWord):
            # weak=False: `forget` is a local function, nothing else keeps it alive.
            post_save.connect(
                forget, sender=model, weak=False, dispatch_uid=f"forget-rules-{model.__name__}"
            )
            post_delete.connect(
                forget, sender=model, weak=False, dispatch_uid=f"forget-rules-d-{model.__name__}"
            )
