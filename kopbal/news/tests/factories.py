"""Factories for tests. Articles are published through revisions, as an editor does."""

import factory

from kopbal.news.models import ArticlePage, Author


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Journalist {n}")
    slug = factory.Sequence(lambda n: f"journalist-{n}")


def publish_article(section, **kwargs) -> ArticlePage:
    """An article published the way an editor does it: through a revision."""
    published_at = kwargs.pop("first_published_at", None)
    page = ArticlePage(
        title=kwargs.pop("title", "Testartikel"),
        lead=kwargs.pop("lead", "Een lead. Met twee zinnen."),
        **kwargs,
    )
    page.first_published_at = published_at
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
