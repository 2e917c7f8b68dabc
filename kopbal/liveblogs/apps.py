from django.apps import AppConfig


class LiveBlogsConfig(AppConfig):
    name = "kopbal.liveblogs"
    label = "liveblogs"
    verbose_name = "Liveblogs"
