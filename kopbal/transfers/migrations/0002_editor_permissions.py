"""Editors and Moderators (Wagtail's groups) keep the transfer tracker: transfers and media."""

from django.db import migrations

CODENAMES = {
    "transfer": ["add_transfer", "change_transfer", "delete_transfer", "view_transfer"],
    "medium": ["add_medium", "change_medium", "view_medium"],
}
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for model, codenames in CODENAMES.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="transfers", model=model)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_')[0]} {model}"},
            )
            permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [c for names in CODENAMES.values() for c in names]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="transfers", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("transfers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
