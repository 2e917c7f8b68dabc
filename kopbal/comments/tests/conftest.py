"""Fixtures for the comment tests: an article, readers with verified e-mail, the rules."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache

from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment, CommentSettings
from kopbal.news.tests.factories import publish_article

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached rules never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(section):
    return publish_article(section, title="Anderlecht zoekt een nieuwe trainer", lead="Lead. Meer.")


@pytest.fixture
def rules(db):
    """The staff-editable rules; change a field and call .save() (the cache follows)."""
    return CommentSettings.load()


def make_reader(name: str | None = None, *, approved: int = 0, page=None, **fields):
    """A reader with a verified e-mail address (allauth), optionally with `approved`
    visible comments already, so that the new-reader rule no longer holds them back."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    n = next(_numbers)
    name = name or f"lezer{n}"
    user = get_user_model().objects.create_user(
        username=name,
        email=f"{name}@example.com",
        password="Geheim-wachtwoord-1",
        display_name=fields.pop("display_name", name.capitalize()),
        **fields,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if approved:
        if page is None:
            raise ValueError("approved comments need a page")
        Comment.objects.bulk_create(
            Comment(
                page=page, author=user, body=f"eerdere reactie {i}", status=CommentStatus.VISIBLE
            )
            for i in range(approved)
        )
    return user


@pytest.fixture
def reader(article):
    """A trusted reader: two approved comments, so new comments go online at once."""
    return make_reader("trouwe", approved=2, page=article, display_name="Trouwe Lezer")


@pytest.fixture
def newcomer(db):
    return make_reader("nieuweling", display_name="Nieuweling")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


JSON = {"HTTP_ACCEPT": "application/json"}
