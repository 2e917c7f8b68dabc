"""The newsroom maintains the football world: Editors and Moderators may add, change and delete
clubs, people and competitions in the admin (data migration 0003; tests call it again after
a browser test has flushed the database)."""

from __future__ import annotations

GROUPS = ("Editors", "Moderators")
MODELS = ("club", "person", "competition")
ACTIONS = ("add", "change", "delete", "view")


def grant(Group, Permission) -> None:
    """Takes the model classes so that the migration can pass its historical models."""
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    permissions = list(
        Permission.objects.filter(content_type__app_label="football", codename__in=codenames)
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
