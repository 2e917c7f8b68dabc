"""A reader reads the seed article; an editor publishes an article with `Lees ook`."""

import pytest

from kopbal.news.models import ArticlePage, SectionPage
from kopbal.users.roles import example_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_sees_the_whole_article_and_follows_its_links(live_server, demo, page_in_browser):
    page = page_in_browser
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + demo.url)

    assert page.locator("html").get_attribute("lang") == "nl-BE"
    assert page.get_by_role("heading", level=1).inner_text() == demo.title
    byline = page.locator(".byline")
    assert byline.inner_text().startswith("door Redactie")
    assert "vandaag" in byline.inner_text()
    assert page.locator(".article__lead").is_visible()
    assert page.get_by_role("heading", name="BUITENLAND").is_visible()
    assert page.locator(".quote figcaption").inner_text() == "aldus Defour in La Dernière Heure"
    assert page.locator("#reacties").is_visible()
    latest = page.locator(".latest .teaser")
    assert latest.count() == 25
    assert latest.first.locator(".comment-count").inner_text().strip().endswith("1")

    # The page fits a phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Gert Verheyen achterna: Defour verrast vriend en vijand").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Gert Verheyen achterna")

    page.go_back()
    page.locator(".latest").get_by_role("link", name="‘Transferbom naast het veld").click()
    assert page.locator("#reacties h2").inner_text() == "1279 reacties"

    page.get_by_role("link", name="Meer sportnieuws").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Meer sportnieuws"
    assert page.locator(".teaser").count() == 20
    page.get_by_role("link", name="Ouder").click()
    assert "Pagina 2 van 2" in page.locator(".pagination").inner_text()


def test_editor_publishes_an_article_with_read_also(live_server, demo, page_in_browser):
    admin = example_user("admin")
    section = SectionPage.objects.get(slug="belgisch-voetbal")
    page = page_in_browser
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", admin.username)
    page.fill("input[name=password]", "wachtwoord-admin")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/articlepage/{section.pk}/")
    page.fill("#id_title", "Defour krijgt versterking: Mechelen haalt spits")
    page.fill("#id_lead", "KV Mechelen heeft zijn eerste wintertransfer beet. De spits tekent.")
    body = page.locator("[data-contentpath='body']").first
    body.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Lees ook").click()
    body.get_by_role("button", name="Kies een pagina (Artikel)").click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill("Gert Verheyen")
    modal.get_by_role("link", name="Gert Verheyen achterna: Defour verrast").click()
    page.get_by_role("button", name="Meer acties").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"**/admin/pages/{section.pk}/")

    article = ArticlePage.objects.get(title="Defour krijgt versterking: Mechelen haalt spits")
    assert article.live
    # First in `Meest recent` (here on the seed article, which lists everything but itself).
    page.goto(live_server.url + demo.url)
    first = page.locator(".latest .teaser").first
    assert first.get_by_role("link").first.inner_text() == article.title
    first.get_by_role("link").first.click()
    assert page.locator(".read-also").inner_text() == (
        "LEES OOK: Gert Verheyen achterna: Defour verrast vriend en vijand"
    )
