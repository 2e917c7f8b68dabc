from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "kopbal.users"
    label = "users"
    verbose_name = "Gebruikers"
