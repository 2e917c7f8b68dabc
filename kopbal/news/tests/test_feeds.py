"""Every feed parses cleanly in feedparser and holds only what readers may see."""

from datetime import timedelta

import feedparser
import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kopbal.news.models import ArticlePage, ArticlePageAuthor, Author

from .factories import publish_article


@pytest.fixture
def articles(section):
    author = Author.objects.create(name="An Peeters", slug="an-peeters")
    now = timezone.now()
    live = [
        publish_article(
            section,
            title=f"Live artikel {i} & co <b>vet</b>",
            lead=f'Lead {i} met "aanhalingstekens" en é, ë, ç.',
            first_published_at=now - timedelta(hours=i + 1),
        )
        for i in range(3)
    ]
    for page in live:
        ArticlePageAuthor.objects.create(page=page, author=author)
    hidden = []
    gone = publish_article(section, title="Ingetrokken artikel")
    ArticlePageAuthor.objects.create(page=gone, author=author)
    gone.unpublish()
    hidden.append(gone)
    draft = ArticlePage(title="Concept artikel", lead="Nog niet.")
    section.add_child(instance=draft)
    draft.save_revision()
    draft.live = False
    draft.save()
    hidden.append(draft)
    scheduled = ArticlePage(title="Gepland artikel", lead="Straks.", live=False)
    section.add_child(instance=scheduled)
    scheduled.go_live_at = now + timedelta(hours=2)
    scheduled.save_revision().publish()
    hidden.append(scheduled)
    private = publish_article(section, title="Privé artikel")
    ArticlePageAuthor.objects.create(page=private, author=author)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden.append(private)
    return live, hidden


FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/rubriek/belgisch-voetbal/rss/",
    "/feeds/rubriek/belgisch-voetbal/atom/",
    "/auteurs/an-peeters/rss/",
    "/auteurs/an-peeters/atom/",
]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("url", FEEDS)
def test_feed_is_valid_and_lists_only_live_articles(client, articles, url):
    live, hidden = articles
    feed = parse(client, url)
    assert feed.version in {"rss20", "atom10"}
    assert feed.feed.language.lower().startswith("nl") if "rss" in url else True
    titles = [entry.title for entry in feed.entries]
    assert titles == [page.title for page in live]  # newest first
    for entry, page in zip(feed.entries, live, strict=True):
        assert entry.link == "http://testserver" + page.url
        assert entry.published_parsed is not None
        assert entry.author == "An Peeters" or "rubriek" in url or url.startswith("/feeds/")
        assert page.lead == entry.summary


def test_feeds_of_unknown_section_or_author_are_404(client, articles):
    assert client.get("/feeds/rubriek/cricket/rss/").status_code == 404
    assert client.get("/auteurs/niemand/atom/").status_code == 404


def test_club_and_person_feeds(client, articles):
    if not apps.is_installed("kopbal.football"):
        pytest.skip("kopbal.football is not installed yet")
    from kopbal.football.models import ArticleClub, ArticlePerson, Club, Person

    live, hidden = articles
    club = Club.objects.create(name="KRC Genk", slug="krc-genk-feedtest")
    person = Person.objects.create(
        name="Thorsten Vink", slug="thorsten-vink-feedtest", role="coach"
    )
    for page in [live[0], *hidden]:
        ArticleClub.objects.create(page=page, club=club)
        ArticlePerson.objects.create(page=page, person=person)
    for url in [
        f"/clubs/{club.slug}/rss/",
        f"/clubs/{club.slug}/atom/",
        f"/personen/{person.slug}/rss/",
        f"/personen/{person.slug}/atom/",
    ]:
        feed = parse(client, url)
        assert [entry.title for entry in feed.entries] == [live[0].title], url


def test_pages_announce_their_feeds(client, articles):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="http://localhost/feeds/atom/"' in html
