"""The newsroom's roles as Wagtail groups, and named users for each (tests and demo)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Editors"
MODERATORS = "Moderators"

# What the Moderators group needs for the comment moderation screens in the admin (the
# data migration comments/0004 grants the same on existing sites).
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
]


# The page permissions Wagtail's own migration gives the two groups on the root page.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page"],
}


def ensure_group(name: str) -> Group:
    """Wagtail creates Editors and Moderators; the Moderators group also moderates comments.

    Whatever is missing is granted again (a flushed test database has lost what the
    migrations gave), page permissions on the root page included.
    """
    from wagtail.models import GroupPagePermission, Page

    group, _ = Group.objects.get_or_create(name=name)
    wanted = [("wagtailadmin", "access_admin")]
    if name == MODERATORS:
        wanted += MODERATOR_PERMISSIONS
    query = Q(pk__in=[])
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*Permission.objects.filter(query))
    root = Page.get_first_root_node()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS.get(name, [])
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
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
