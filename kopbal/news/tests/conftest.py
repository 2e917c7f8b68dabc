import pytest


@pytest.fixture
def demo(home):
    """The demo content of `make run`: the seed imported plus its comment rows."""
    from kopbal.news.demo.loader import load_demo

    load_demo(out=lambda msg: None)
    from kopbal.news.models import ArticlePage

    return ArticlePage.objects.get(title="Steven Defour sluit deze opvallende overgang nu al uit")
