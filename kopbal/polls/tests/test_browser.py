"""Readers vote in the seed's poll in a real browser, with and without JavaScript."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from kopbal.news.models import ArticlePage
from kopbal.polls.models import Poll, Vote
from kopbal.seo.tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "news" / "demo" / "seed.txt"


@pytest.fixture
def seed_article(home):
    cache.clear()
    call_command("import_page", str(SEED), stdout=StringIO(), stderr=StringIO())
    return ArticlePage.objects.get(title="Steven Defour sluit deze opvallende overgang nu al uit")


@pytest.fixture
def small_article(section):
    """One article with a poll: enough where the seed's whole page is not the point."""
    from kopbal.news.tests.factories import publish_article

    from .factories import make_poll

    cache.clear()
    poll = make_poll("Is Defour volgend jaar nog coach van KVM?")
    return publish_article(section, title="Defour blijft", body=[("poll", poll)])


def new_page(browser, **options):
    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_readers_vote_and_see_the_results(live_server, seed_article, browser):
    poll = Poll.objects.get(question="Is Defour volgend jaar nog coach van KVM?")
    url = live_server.url + seed_article.url
    first, page = new_page(browser)
    page.goto(url)
    box = page.locator(f"#peiling-{poll.pk}")
    assert box.get_by_role("heading").inner_text() == poll.question
    assert box.get_by_role("button", name="Ja").is_visible()
    assert box.locator(".poll-results").count() == 0  # no results before voting

    page.evaluate("window.notReloaded = true")
    box.get_by_role("button", name="Ja").click()
    box.locator(".poll-results").wait_for()
    assert page.evaluate("window.notReloaded") is True  # voted without a reload
    assert "Bedankt, je stem is geteld." in box.locator("[data-poll-message]").inner_text()
    assert box.locator(".poll-results__total").inner_text() == "1 stem"
    ja = box.locator(".poll-result", has_text="Ja")
    assert "100%" in ja.inner_text() and "jouw stem" in ja.inner_text()
    assert serious_violations(page) == []  # the results as much as the form

    page.reload()
    box.locator(".poll-results").wait_for()  # this reader's part, on the cached page
    assert box.get_by_role("button").count() == 0  # cannot vote again
    assert box.locator(".poll-results__total").inner_text() == "1 stem"

    second, other = new_page(browser)
    other.goto(url)
    other_box = other.locator(f"#peiling-{poll.pk}")
    other_box.get_by_role("button", name="Nee").click()
    other_box.locator(".poll-results").wait_for()
    assert other_box.locator(".poll-results__total").inner_text() == "2 stemmen"
    assert other_box.locator(".poll-result__percent").all_inner_texts() == ["50%", "50%"]
    assert Vote.objects.filter(poll=poll).count() == 2

    poll.closes_at = timezone.now()
    poll.save()  # purges the cached pages that show the poll
    third, late = new_page(browser)
    late.goto(url)
    late_box = late.locator(f"#peiling-{poll.pk}")
    assert "de peiling is gesloten" in late_box.locator(".poll-results__total").inner_text()
    assert late_box.locator("form").count() == 0 and late_box.get_by_role("button").count() == 0
    for context in (first, second, third):
        context.close()


def test_without_javascript_the_form_posts_and_comes_back_to_the_results(
    live_server, small_article, browser
):
    poll = Poll.objects.get(question="Is Defour volgend jaar nog coach van KVM?")
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(live_server.url + small_article.url)
    box = page.locator(f"#peiling-{poll.pk}")
    box.get_by_role("button", name="Nee").click()
    page.wait_for_url(f"**{small_article.url}?peiling=*")
    assert page.url.endswith(f"#peiling-{poll.pk}")
    assert "Bedankt" in box.inner_text()
    assert box.locator(".poll-results__total").inner_text() == "1 stem"
    assert box.get_by_role("button").count() == 0
    # The same reader, back on the plain page, tries again: refused, results shown.
    page.goto(live_server.url + small_article.url)
    page.locator(f"#peiling-{poll.pk}").get_by_role("button", name="Ja").click()
    assert "Je hebt al gestemd" in page.locator(".poll__message").inner_text()
    assert Vote.objects.filter(poll=poll).count() == 1
    context.close()


def test_article_view_is_counted_through_the_beacon(live_server, small_article, browser, settings):
    from django.db.models import Sum

    from kopbal.stats import counter
    from kopbal.stats.models import DailyViews

    settings.KOPBAL_VIEWS_BUFFER = "memory"
    counter.reset_buffer()
    context, page = new_page(browser)
    with page.expect_response(lambda r: f"/stats/v/{small_article.pk}/" in r.url) as beacon:
        page.goto(live_server.url + small_article.url)
    assert beacon.value.status == 204
    assert counter.flush_views() == 1
    views = DailyViews.objects.filter(page=small_article).aggregate(n=Sum("views"))["n"]
    assert views == 1
    # `Meest gelezen` tabs: 24 uur and 7 dagen, one panel shown at a time.
    counter.reset_buffer()
    cache.clear()
    page.goto(live_server.url + "/")
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["24 uur", "7 dagen"]
    assert page.locator("#meest-gelezen-7d").is_hidden()
    tabs.nth(1).click()
    assert page.locator("#meest-gelezen-7d").is_visible()
    assert page.locator("#meest-gelezen-24u").is_hidden()
    page.keyboard.press("ArrowLeft")  # the tabs work by keyboard too
    assert page.locator("#meest-gelezen-24u").is_visible()
    assert serious_violations(page) == []
    context.close()
