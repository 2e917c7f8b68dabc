from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from kopbal.news.models import ArticlePageAuthor, Author
from kopbal.news.tests.factories import publish_article


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def author(db):
    return Author.objects.create(name="Jan Janssens", slug="jan-janssens", job_title="Redacteur")


@pytest.fixture
def article(section, author):
    """Publish an article `hours` old, by Jan Janssens unless `by` says otherwise."""

    def make(title, hours=1, by=True, **kwargs):
        page = publish_article(
            section,
            title=title,
            lead=kwargs.pop("lead", f"{title}. De lead."),
            first_published_at=timezone.now() - timedelta(hours=hours),
            **kwargs,
        )
        if by:
            ArticlePageAuthor.objects.create(page=page, author=author)
        return page

    return make
