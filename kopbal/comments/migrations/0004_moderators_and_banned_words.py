"""The Moderators group gets what moderating comments needs; a first Dutch banned-word list."""

from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("comments", "view_comment"),
    ("comments", "moderate_comment"),
    ("comments", "view_commentreport"),
    ("comments", "view_ban"),
    ("comments", "view_moderationlog"),
    ("comments", "view_bannedword"),
    ("comments", "add_bannedword"),
    ("comments", "change_bannedword"),
    ("comments", "delete_bannedword"),
    ("comments", "change_commentsettings"),
    ("wagtailadmin", "access_admin"),
]

# Insults and slurs that should never appear unreviewed under an article. Moderators
# extend this list in the admin (Reacties > Verboden woorden).
BANNED_WORDS = [
    "kankerlijer", "kankerhoer", "kankerjood", "kankermongool", "tyfuslijer",
    "teringlijer", "klootzak", "hoerenzoon", "hoerenjong", "kutwijf", "mongool",
    "flikker", "makak", "neger", "apenmens", "vuile jood", "rot op naar je land",
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)

    BannedWord = apps.get_model("comments", "BannedWord")
    for word in BANNED_WORDS:
        BannedWord.objects.get_or_create(word=word)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderators").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="comments")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_moderation"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
