"""Fixtures shared by every app's tests: the page tree, named users, a browser."""

import os

import pytest

# Sync Playwright runs an event loop in the test thread; Django would refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip = pytest.mark.skip(reason="needs PostgreSQL (make test-postgres)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts with empty caches: SQLite reuses page ids after a flush, so a page
    (or a site) kept by an earlier test could otherwise be served under the same URL."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from kopbal.core import pagecache
    from kopbal.news import routing

    for alias in caches:
        if isinstance(caches[alias], LocMemCache):  # a shared Redis is not ours to empty
            caches[alias].clear()
    pagecache.forget_local()
    routing.forget_sites()
    yield


@pytest.fixture
def home(db):
    """The site's page tree as every kopbal site has it: home page and sections."""
    from kopbal.news.setup import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def section(home):
    from kopbal.news.models import SectionPage

    return SectionPage.objects.get(slug="belgisch-voetbal")


@pytest.fixture
def users(db):
    """Named users for each role: editor, moderator, reader (see kopbal.users.roles)."""
    from kopbal.users.roles import example_user

    return example_user


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_in_browser(browser):
    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server on a free loopback port, for the tests that touch Redis."""
    from kopbal.core.localservers import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def redis_cache(redis_url, settings):
    """Django's cache on the real Redis, through kopbal's resilient backend."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "kopbal.core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kopbal",  # as the app servers, which share it
        }
    }
    cache.clear()
    yield cache
    cache.clear()
