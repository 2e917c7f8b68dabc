from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "kopbal.comments"
    label = "comments"
    verbose_name = "Reacties"
