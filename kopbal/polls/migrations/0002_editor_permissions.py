"""Editors and Moderators (Wagtail's groups) may create, edit and delete polls."""

from django.db import migrations

CODENAMES = ["add_poll", "change_poll", "delete_poll"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    poll_type, _ = ContentType.objects.get_or_create(app_label="polls", model="poll")
    permissions = []
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=poll_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} peiling"},
        )
        permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="polls", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
