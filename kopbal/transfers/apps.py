from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "kopbal.transfers"
    label = "transfers"
    verbose_name = "Transfers"

    def ready(self) -> None:
        from . import signals

        signals.connect()
