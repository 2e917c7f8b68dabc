"""`Meest gelezen` and `Meest besproken` on the home page and beside every article."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from kopbal.comments.models import Comment
from kopbal.core.pagecache import purge
from kopbal.news.tests.factories import publish_article
from kopbal.polls.tests.factories import make_poll
from kopbal.stats import counter
from kopbal.stats.ranking import compute_lists


def views(article, n, hours_ago=0):
    buffer = counter.get_buffer()
    buffer.add(article.pk, n, hour=counter.current_hour() - hours_ago)


def section_html(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def order(html: str, titles: list[str]) -> list[str]:
    found = [(html.index(f">{t}</a>"), t) for t in titles if f">{t}</a>" in html]
    return [t for _, t in sorted(found)]


@pytest.fixture
def ranked(articles, section):
    a, b, c = articles
    old = publish_article(section, title="Artikel van eergisteren")
    views(a, 300, hours_ago=2)
    views(b, 500)
    views(c, 100, hours_ago=23)
    views(old, 1000, hours_ago=60)  # outside 24 hours, inside 7 days
    counter.flush_views()
    return a, b, c, old


def test_most_read_orders_by_views(client, ranked):
    a, b, c, old = ranked
    html = client.get("/").content.decode()
    most_read = section_html(html, "meest-gelezen")
    day = most_read.split('id="meest-gelezen-24u"', 1)[1].split("</ol>", 1)[0]
    week = most_read.split('id="meest-gelezen-7d"', 1)[1].split("</ol>", 1)[0]
    titles = [a.title, b.title, c.title, old.title]
    assert order(day, titles) == [b.title, a.title, c.title]
    assert order(week, titles) == [old.title, b.title, a.title, c.title]


def test_most_read_stands_beside_the_article_too(client, ranked):
    a, b, c, old = ranked
    html = client.get(a.url).content.decode()
    aside = html.split('<aside class="layout__side"', 1)[1]
    assert order(section_html(aside, "meest-gelezen"), [a.title, b.title]) == [b.title, a.title]
    # Above `Meest recent`, which keeps its own 25 teasers.
    assert aside.index('id="meest-gelezen"') < aside.index('id="meest-recent"')


def test_most_discussed_counts_visible_comments_of_the_last_24_hours(client, articles, users):
    a, b, c = articles
    reader = users("reader")
    now = timezone.now()

    def comments(page, n, **fields):
        Comment.objects.bulk_create(
            Comment(page=page, author=reader, body="x", **fields) for _ in range(n)
        )

    comments(b, 5)
    comments(c, 3)
    comments(a, 1)
    comments(a, 4, status="pending")
    comments(a, 10, created_at=now - timedelta(hours=30))  # yesterday's debate
    html = section_html(client.get("/").content.decode(), "meest-besproken")
    assert order(html, [a.title, b.title, c.title]) == [b.title, c.title, a.title]
    assert "5 nieuwe reacties" in html and "1 nieuwe reactie<" in html


def test_unpublished_article_leaves_the_lists_at_once(
    client, ranked, django_capture_on_commit_callbacks
):
    a, b, c, old = ranked
    assert b.title in section_html(client.get("/").content.decode(), "meest-gelezen")
    with django_capture_on_commit_callbacks(execute=True):
        b.unpublish()
    html = client.get("/").content.decode()
    assert b.title not in section_html(html, "meest-gelezen")
    assert a.title in section_html(html, "meest-gelezen")


def test_no_views_yet_means_no_empty_block(client, articles):
    html = client.get("/").content.decode()
    assert 'id="meest-gelezen"' not in html and 'id="meest-besproken"' not in html


def test_lists_are_cached_between_pages(client, ranked, django_assert_max_num_queries):
    a, b, c, old = ranked
    client.get(a.url)
    views(c, 10_000)
    counter.flush_views()
    html = client.get(b.url).content.decode()
    # Within the lists' cache time the order holds; the count shows up after it.
    assert order(section_html(html, "meest-gelezen"), [b.title, c.title]) == [b.title, c.title]
    cache.clear()
    html = client.get(b.url).content.decode()
    assert order(section_html(html, "meest-gelezen"), [b.title, c.title]) == [c.title, b.title]


class TestQueryBudgets:
    """With a poll and both lists, a page rendered from scratch stays within 15 queries."""

    @pytest.fixture
    def busy(self, section, users):
        reader = users("reader")
        poll = make_poll()
        pages = [publish_article(section, title=f"Druk artikel {i}") for i in range(12)]
        article = publish_article(
            section,
            title="Met peiling",
            body=[
                ("paragraph", "<p>Tekst.</p>"),
                ("poll", poll),
                ("poll", make_poll("Tweede peiling?")),
            ],
        )
        for i, page in enumerate(pages):
            views(page, 10 + i)
            Comment.objects.bulk_create(
                Comment(page=page, author=reader, body="x") for _ in range(i % 4)
            )
        counter.flush_views()
        home = section.get_parent().specific
        home.featured_poll = poll
        home.save_revision().publish()
        return article

    @staticmethod
    def render_again(page) -> None:
        """As a running site re-renders a page: its page-cache entry gone (purged or
        expired); the lists come from the cache, refreshed after the view counts' flush."""
        purge({f"page-{page.pk}"})

    def test_article_page(self, client, busy, django_assert_max_num_queries):
        client.get(busy.url)
        self.render_again(busy)
        with django_assert_max_num_queries(15):
            html = client.get(busy.url).content.decode()
        assert html.count('class="poll"') == 2
        assert 'id="meest-gelezen"' in html and 'id="meest-besproken"' in html

    def test_home_page(self, client, busy, django_assert_max_num_queries):
        client.get("/")
        self.render_again(busy.get_parent().get_parent())
        with django_assert_max_num_queries(15):
            html = client.get("/").content.decode()
        assert html.count('class="poll"') == 1
        assert 'id="meest-gelezen"' in html and 'id="meest-besproken"' in html

    @pytest.mark.parametrize("articles_count", [6, 16])
    def test_lists_are_one_query_whatever_the_archive(
        self, section, users, articles_count, django_assert_num_queries
    ):
        reader = users("reader")
        for i in range(articles_count):
            page = publish_article(section, title=f"Archief {i}")
            views(page, i + 1)
            views(page, 2 * i + 1, hours_ago=50)
            Comment.objects.create(page=page, author=reader, body="x")
        counter.flush_views()
        with django_assert_num_queries(1):  # the articles, view restrictions in the same query
            lists = compute_lists()
        top = [r.title for r in lists["read_day"]]
        assert top == [f"Archief {articles_count - 1 - i}" for i in range(5)]
        assert [r.count for r in lists["read_week"]][0] == 3 * articles_count - 1
        assert len(lists["discussed"]) == 5
