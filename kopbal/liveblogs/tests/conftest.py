import pytest

from .factories import publish_blog


@pytest.fixture
def blog(section):
    return publish_blog(section)
