from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kopbal.search"
    label = "search"
    verbose_name = "Zoeken"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from kopbal.news.models import Author

        from .suggestions import FOOTBALL, invalidate

        models = [Author]
        if apps.is_installed(FOOTBALL):
            models += [apps.get_model("football", "Club"), apps.get_model("football", "Person")]
        for model in models:
            post_save.connect(invalidate, sender=model, dispatch_uid=f"suggest-{model.__name__}")
            post_delete.connect(
                invalidate, sender=model, dispatch_uid=f"suggest-d-{model.__name__}"
            )
