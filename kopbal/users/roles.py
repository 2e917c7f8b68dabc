"""The newsroom's roles as Wagtail groups, and named users for each (tests and demo)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
MODERATORS = "Moderators"


def ensure_group(name: str) -> Group:
    """Wagtail creates Editors and Moderators; the Moderators group also moderates comments."""
    group, _ = Group.objects.get_or_create(name=name)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        group.permissions.add(admin_access)
    return group


def example_user(role: str):
    """`editor`, `moderator`, `reader`, `admin`: the same user on every call in a test."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=role,
        defaults={"email": f"{role}@example.com", "display_name": role.capitalize()},
    )
    if created:
        user.set_password("wachtwoord-" + role)
        if role == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        if role == "editor":
            user.groups.add(ensure_group(EDITORS))
        elif role == "moderator":
            user.groups.add(ensure_group(MODERATORS))
    return user
