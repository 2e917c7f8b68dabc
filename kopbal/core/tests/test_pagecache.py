from django.core.cache import cache

from kopbal.comments.models import Comment
from kopbal.news.models import ArticlePage
from kopbal.news.tests.factories import publish_article
from kopbal.users.roles import example_user

from .wsgi_client import wsgi_get


def test_anonymous_page_is_served_from_the_cache(article):
    first = wsgi_get(article.url)
    assert first.status == 200
    assert "x-kopbal-cache" not in first.headers
    assert "s-maxage=10" in first.headers["cache-control"]
    assert "public" in first.headers["cache-control"]
    assert f"page-{article.pk}" in first.headers["cache-tag"].split(",")
    assert "set-cookie" not in first.headers
    assert 'name="csrfmiddlewaretoken"' not in first.text

    second = wsgi_get(article.url)
    assert second.headers["x-kopbal-cache"] == "hit"
    assert second.body == first.body
    assert second.headers["etag"] == first.headers["etag"]


def test_conditional_requests_get_304(article):
    first = wsgi_get(article.url)
    etag = first.headers["etag"]
    hit = wsgi_get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert hit.status == 304 and hit.body == b""
    cache.clear()
    miss = wsgi_get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert miss.status == 304


def test_edit_shows_at_once(article, django_capture_on_commit_callbacks):
    assert "Een zege." in wsgi_get(article.url).text
    with django_capture_on_commit_callbacks(execute=True):
        article.lead = "Een bevochten zege. Eindelijk."
        article.save_revision().publish()
    assert "Een bevochten zege." in wsgi_get(article.url).text


def test_new_article_shows_on_cached_lists(article, section, django_capture_on_commit_callbacks):
    for url in ("/", "/archief/", section.url):
        wsgi_get(url)
        assert wsgi_get(url).headers["x-kopbal-cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(section, title="Transferbom: spits naar Mechelen")
    for url in ("/", "/archief/", section.url):
        assert "Transferbom: spits naar Mechelen" in wsgi_get(url).text, url


def test_unpublished_article_leaves_the_cache(article, django_capture_on_commit_callbacks):
    wsgi_get("/")
    assert wsgi_get(article.url).status == 200
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).unpublish()
    assert wsgi_get(article.url).status == 404
    assert article.title not in wsgi_get("/").text


def test_new_comment_shows_on_the_cached_article(article, django_capture_on_commit_callbacks):
    assert "0 reacties" in wsgi_get(article.url).text
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(page=article, author=example_user("reader"), body="Terecht!")
    page = wsgi_get(article.url).text
    assert "1 reactie" in page and "Terecht!" in page


def test_bad_host_is_not_served_from_cache(article):
    wsgi_get(article.url)
    assert wsgi_get(article.url, HTTP_HOST="evil.example").status == 400


def test_club_and_person_pages_come_from_the_cache(section, django_capture_on_commit_callbacks):
    """Shipped football data: KV Mechelen and Steven Defour."""
    for url in ("/clubs/kv-mechelen/", "/personen/steven-defour/"):
        first = wsgi_get(url)
        assert first.status == 200, url
        assert 'name="csrfmiddlewaretoken"' not in first.text
        assert wsgi_get(url).headers["x-kopbal-cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(section, title="Defour haalt spits naar KV Mechelen")
    assert wsgi_get("/clubs/kv-mechelen/").headers.get("x-kopbal-cache") != "hit"
