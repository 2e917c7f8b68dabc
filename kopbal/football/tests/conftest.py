import pytest

from kopbal.football.index import knowledge_index


@pytest.fixture(scope="session")
def kindex():
    """The tagger index built from the shipped knowledge (no database)."""
    return knowledge_index()


@pytest.fixture
def world(db):
    """The shipped clubs, people and careers in the database (the data migration's rows may
    have been flushed by a browser test), as a dict of slug → object."""
    from kopbal.football import knowledge
    from kopbal.football.models import Club, Person

    knowledge.load_into_db()
    clubs = {c.slug: c for c in Club.objects.all()}
    people = {p.slug: p for p in Person.objects.all()}
    return {**clubs, **people}


@pytest.fixture
def newsroom(db):
    """The groups' permissions as the migrations give them (a browser test elsewhere may have
    flushed them): Editors add and edit pages, Moderators also publish; both maintain the
    football world."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    from kopbal.football.permissions import grant
    from kopbal.users.roles import EDITORS, MODERATORS, ensure_group

    grant(Group, Permission)
    root = Page.get_first_root_node()
    for name, codenames in (
        (EDITORS, ["add_page", "change_page"]),
        (MODERATORS, ["add_page", "change_page", "publish_page"]),
    ):
        group = ensure_group(name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
