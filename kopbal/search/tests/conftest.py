from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from kopbal.news.models import SectionPage
from kopbal.news.tests.factories import publish_article


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and the suggestion list start empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(section):
    """Publish an article `days` old in a section (default: Belgisch voetbal)."""

    def make(title, lead="Een lead.", days=0, body="", in_section=None, **kwargs):
        blocks = [("paragraph", f"<p>{body}</p>")] if body else []
        return publish_article(
            in_section or section,
            title=title,
            lead=lead,
            body=blocks,
            first_published_at=timezone.now() - timedelta(days=days),
            **kwargs,
        )

    return make


@pytest.fixture
def transfers(home):
    return SectionPage.objects.get(slug="transfers")
