from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "kopbal.news"
    label = "news"
    verbose_name = "Nieuws"
