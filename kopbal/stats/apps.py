from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "kopbal.stats"
    label = "stats"
    verbose_name = "Leescijfers"

    def ready(self) -> None:
        from . import signals  # noqa: F401
