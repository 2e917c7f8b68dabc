"""Views are counted in a buffer and reach the database in a few batched statements."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from kopbal.stats import counter
from kopbal.stats.models import DailyViews, HourlyViews

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def total(model, page) -> int:
    return model.objects.filter(page=page).aggregate(n=Sum("views"))["n"] or 0


def test_10000_views_make_20_writes(articles, settings):
    settings.KOPBAL_VIEWS_FLUSH_EVERY = 1000
    article = articles[0]
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(10_000):
            counter.record_view(article.pk)
        counter.flush_views()
    # One INSERT … ON CONFLICT per table per batch of 1000 views: 10 batches.
    assert len(writes(ctx.captured_queries)) == 20
    assert total(DailyViews, article) == 10_000
    assert total(HourlyViews, article) == 10_000


def test_one_batch_of_many_articles_is_two_statements(articles):
    with CaptureQueriesContext(connection) as ctx:
        for n, article in enumerate(articles, start=1):
            for _ in range(n * 10):
                counter.record_view(article.pk)
        assert counter.flush_views() == 60
    assert len(writes(ctx.captured_queries)) == 2
    assert [total(DailyViews, a) for a in articles] == [10, 20, 30]
    # A second batch adds to the same rows instead of replacing them.
    counter.record_view(articles[0].pk)
    counter.flush_views()
    assert total(DailyViews, articles[0]) == 11
    assert DailyViews.objects.filter(page=articles[0]).count() == 1


def test_time_and_count_both_trigger_a_flush(articles, settings):
    settings.KOPBAL_VIEWS_FLUSH_EVERY = 5
    counter.reset_buffer()
    for _ in range(4):
        counter.record_view(articles[0].pk)
    assert total(DailyViews, articles[0]) == 0  # still buffered
    counter.record_view(articles[0].pk)
    assert total(DailyViews, articles[0]) == 5
    settings.KOPBAL_VIEWS_FLUSH_EVERY = 10**9
    settings.KOPBAL_VIEWS_FLUSH_SECONDS = 0
    counter.reset_buffer()
    counter.record_view(articles[0].pk)
    assert total(DailyViews, articles[0]) == 6


def test_days_are_brussels_days(articles):
    """22:30 UTC on 1 December is still 1 December in Brussels; 23:30 UTC is the 2nd."""
    buffer = counter.MemoryBuffer(10**9, 10**9)
    late = int(datetime(2026, 12, 1, 22, 30, tzinfo=UTC).timestamp() // 3600)
    buffer.add(articles[0].pk, 3, hour=late)
    buffer.add(articles[0].pk, 4, hour=late + 1)
    buffer.flush()
    days = dict(DailyViews.objects.filter(page=articles[0]).values_list("day", "views"))
    assert days == {date(2026, 12, 1): 3, date(2026, 12, 2): 4}
    assert HourlyViews.objects.filter(page=articles[0]).count() == 2


def test_ids_that_are_not_articles_are_dropped(articles, home):
    counter.record_view(987_654)
    counter.record_view(home.pk)  # the home page is not an article
    counter.record_view(articles[0].pk)
    assert counter.flush_views() == 1
    assert DailyViews.objects.count() == 1


def test_deleted_article_between_view_and_flush(articles):
    counter.record_view(articles[1].pk)
    counter.record_view(articles[2].pk)
    articles[1].delete()
    assert counter.flush_views() == 1
    assert total(DailyViews, articles[2]) == 1


class TestBeacon:
    def test_post_counts_without_cookie_or_query(self, client, articles, django_assert_num_queries):
        url = f"/stats/v/{articles[0].pk}/"
        with django_assert_num_queries(0):
            response = client.post(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 204
        assert not response.cookies and "Cookie" not in response.get("Vary", "")
        assert response["Cache-Control"] == "no-store"
        counter.flush_views()
        assert total(DailyViews, articles[0]) == 1

    def test_noscript_pixel(self, client, articles):
        response = client.get(f"/stats/v/{articles[0].pk}/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200 and response["Content-Type"] == "image/gif"
        assert response.content.startswith(b"GIF89a")
        counter.flush_views()
        assert total(DailyViews, articles[0]) == 1

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
            {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
            {"HTTP_USER_AGENT": "python-requests/2.32"},
            {"HTTP_USER_AGENT": ""},
            {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
        ],
    )
    def test_crawlers_and_prefetches_are_not_readers(self, client, articles, headers):
        assert client.post(f"/stats/v/{articles[0].pk}/", **headers).status_code == 204
        counter.flush_views()
        assert total(DailyViews, articles[0]) == 0

    def test_one_address_cannot_push_an_article_up(self, client, articles, settings):
        settings.KOPBAL_VIEWS_PER_IP_PER_MINUTE = 5
        for _ in range(50):
            client.post(
                f"/stats/v/{articles[0].pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.20"
            )
        client.post(
            f"/stats/v/{articles[0].pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.20"
        )
        counter.flush_views()
        assert total(DailyViews, articles[0]) == 6

    def test_bad_ids_and_methods(self, client, db):
        assert client.post("/stats/v/0/", HTTP_USER_AGENT=BROWSER).status_code == 204
        assert client.post("/stats/v/99999999999/", HTTP_USER_AGENT=BROWSER).status_code == 204
        assert client.post("/stats/v/abc/").status_code == 404
        assert client.put("/stats/v/1/").status_code == 405
        assert counter.flush_views() == 0

    def test_article_page_carries_the_beacon(self, client, articles):
        html = client.get(articles[0].url).content.decode()
        assert f'data-view="/stats/v/{articles[0].pk}/"' in html
        assert f'<noscript><img class="view-pixel" src="/stats/v/{articles[0].pk}/"' in html
        # Serving the page does not count: only the reader's browser does.
        assert counter.flush_views() == 0


class TestRedis:
    """The scale profile: one HINCRBY per view, shared by every process."""

    @pytest.fixture
    def redis_buffer(self, redis_server, settings):
        proc, url = redis_server
        settings.KOPBAL_VIEWS_BUFFER = "redis"
        settings.KOPBAL_VIEWS_REDIS_URL = url
        counter.reset_buffer()
        return counter.get_buffer()

    def test_views_wait_in_redis_until_the_flush(self, articles, redis_buffer):
        article = articles[0]
        with CaptureQueriesContext(connection) as ctx:
            for _ in range(3_000):
                counter.record_view(article.pk)
        assert writes(ctx.captured_queries) == []
        assert redis_buffer.pending == 3_000
        with CaptureQueriesContext(connection) as ctx:
            assert counter.flush_views() == 3_000
        assert len(writes(ctx.captured_queries)) == 2
        assert total(DailyViews, article) == 3_000
        assert redis_buffer.pending == 0

    def test_processes_share_the_counts(self, articles, redis_buffer, settings):
        other = counter.make_buffer()  # as another app process would have
        for _ in range(30):
            redis_buffer.add(articles[0].pk)
            other.add(articles[0].pk)
        other.flush()
        redis_buffer.flush()
        assert total(DailyViews, articles[0]) == 60

    def test_a_batch_left_by_a_crashed_flush_is_written_next_time(self, articles, redis_buffer):
        hour = counter.current_hour()
        redis_buffer.client.hset(redis_buffer.FLUSHING + "crashed", f"{articles[1].pk}:{hour}", 7)
        redis_buffer.add(articles[1].pk)
        assert redis_buffer.flush() == 8
        assert total(DailyViews, articles[1]) == 8
        assert not list(redis_buffer.client.scan_iter(redis_buffer.FLUSHING + "*"))

    def test_views_survive_redis_going_away(self, articles, redis_buffer, redis_server):
        proc, _ = redis_server
        counter.record_view(articles[2].pk)
        redis_buffer.flush()
        proc.terminate()
        proc.wait(timeout=10)
        for _ in range(25):
            counter.record_view(articles[2].pk)  # no error: kept in the process
        assert redis_buffer.flush() == 25
        assert total(DailyViews, articles[2]) == 26
