import pytest
from django.core.cache import cache

from kopbal.news.tests.factories import publish_article

from .factories import make_poll


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate-limit counters and cached results live in the cache: each test starts empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def poll(db):
    return make_poll()


@pytest.fixture
def article_with_poll(section, poll):
    """A published article whose body ends with the poll, as the seed's article does."""
    return publish_article(
        section,
        title="Defour blijft trainer van KV Mechelen",
        body=[("paragraph", "<p>Defour blijft.</p>"), ("poll", poll)],
    )


def answer(poll, text: str) -> int:
    return next(a.pk for a in poll.answers.all() if a.text == text)
