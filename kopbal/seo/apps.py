from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "kopbal.seo"
    label = "seo"
    verbose_name = "Vindbaarheid"
