from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kopbal.core"
    label = "core"
    verbose_name = "Kopbal"

    def ready(self) -> None:
        from . import purge

        purge.connect()
