from django.apps import AppConfig


class FootballConfig(AppConfig):
    name = "kopbal.football"
    label = "football"
    verbose_name = "Voetbal"

    def ready(self) -> None:
        from . import parts, signals  # noqa: F401 - personal part; purges
