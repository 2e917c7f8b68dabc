from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "kopbal.users"
    label = "users"
    verbose_name = "Gebruikers"

    def ready(self) -> None:
        from . import parts  # noqa: F401 - registers the account link as a personal part
