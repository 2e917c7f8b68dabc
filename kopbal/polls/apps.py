from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "kopbal.polls"
    label = "polls"
    verbose_name = "Peilingen"

    def ready(self) -> None:
        from . import signals  # noqa: F401
