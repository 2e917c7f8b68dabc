from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "kopbal.news"
    label = "news"
    verbose_name = "Nieuws"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .routing import forget_sites

        post_save.connect(forget_sites, sender=Site, dispatch_uid="news-forget-sites")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="news-forget-sites-d")
