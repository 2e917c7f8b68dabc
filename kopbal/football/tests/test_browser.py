"""An editor writes about `de Maneblussers`, sees KV Mechelen suggested with the word
highlighted, accepts it (and ignores KRC Genk) and publishes: the article is on the club page
and in its feed."""

import feedparser
import pytest

from kopbal.football.models import RejectedTag
from kopbal.news.models import ArticlePage, SectionPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Bekerfinale lonkt na nieuwe zege"
LEAD = (
    "Daarnaast loodste de trainer de Maneblussers naar de bekerfinale. Een stunt. "
    "In de halve finale ging KRC Genk eraan."
)


def test_editor_accepts_a_suggested_club_and_publishes(
    live_server, home, world, newsroom, users, page_in_browser
):
    users("moderator")  # may publish (Moderators, Wagtail's default groups)
    section = SectionPage.objects.get(slug="belgisch-voetbal")
    page = page_in_browser
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "moderator")
    page.fill("input[name=password]", "wachtwoord-moderator")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/articlepage/{section.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", LEAD)

    suggestion = page.locator(".kb-suggestion", has_text="KV Mechelen")
    suggestion.wait_for()
    assert suggestion.locator("mark").inner_text() == "Maneblussers"
    assert "de Maneblussers naar" in suggestion.locator(".kb-suggestion__snippet").inner_text()
    # Only what the editor accepts: switch off applying the other suggestions at publish.
    page.uncheck("input[name=apply_tag_suggestions]")
    suggestion.get_by_role("button", name="Toevoegen").click()
    assert "Wordt gekoppeld bij opslaan" in suggestion.inner_text()
    genk = page.locator(".kb-suggestion", has_text="KRC Genk")
    assert genk.locator("mark").inner_text() == "KRC Genk"
    genk.get_by_role("button", name="Negeren").click()
    assert "Genegeerd" in genk.inner_text()

    page.get_by_role("button", name="Meer acties").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"**/admin/pages/{section.pk}/")

    article = ArticlePage.objects.get(title=TITLE)
    assert article.live
    assert [t.club.slug for t in article.club_tags.all()] == ["kv-mechelen"]
    # The ignored suggestion is remembered: never applied to this article later.
    assert [r.club.slug for r in RejectedTag.objects.filter(page=article)] == ["krc-genk"]

    page.goto(f"{live_server.url}/clubs/kv-mechelen/")
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.locator(".article-tags").get_by_role("link", name="KV Mechelen").is_visible()

    feed = feedparser.parse(page.request.get(f"{live_server.url}/clubs/kv-mechelen/rss/").body())
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries] == [TITLE]
