from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "kopbal.news"
    label = "news"
    verbose_name = "Nieuws"

    def ready(self) -> None:
        from . import signals  # noqa: F401
