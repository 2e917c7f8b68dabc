"""Readers on a keyboard or with a screen reader: axe-core finds nothing serious on the
reader pages, the skip link and landmarks are there, search suggestions work by keyboard.

axe-core comes from the npm registry (node/package.json, installed with `npm ci --prefix
node`) and is loaded into each page by Playwright; nothing is fetched at run time.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from kopbal.news.models import ArticlePage, Author, SectionPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix node` ({AXE})")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (options) => await axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def site(home):
    from kopbal.news.demo.loader import load_demo

    cache.clear()
    load_demo(out=lambda msg: None)
    return ArticlePage.objects.get(title="Steven Defour sluit deze opvallende overgang nu al uit")


def test_reader_pages_have_no_serious_accessibility_violations(live_server, site, page_in_browser):
    page = page_in_browser
    section = SectionPage.objects.get(slug="belgisch-voetbal")
    urls = {
        "home": "/",
        "article": site.url,
        "section": section.url,
        "search": "/zoeken/?q=anderlecht",
        "search, bad query": "/zoeken/?q=%3F%3F%3F",
        "archive": "/archief/",
    }
    problems = {}
    for name, url in urls.items():
        for width in (390, 1280):  # a phone and a laptop
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + url)
            found = serious_violations(page)
            if found:
                problems[f"{name} @ {width}px"] = found
    assert problems == {}


def test_landmarks_skip_link_and_focus_order(live_server, site, page_in_browser):
    page = page_in_browser
    page.goto(live_server.url + site.url)
    for role in ("banner", "navigation", "main", "contentinfo", "search"):
        assert page.get_by_role(role).count() >= 1, role
    assert page.get_by_role("heading", level=1).count() == 1

    # The first Tab lands on the skip link; following it puts the focus on the content.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # Then the logo, the sections, and the search box, in reading order.
    page.goto(live_server.url + site.url)
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "(document.activeElement.getAttribute('name')"
                " || document.activeElement.textContent).trim()"
            )
        )
    assert order[0] == "Naar de inhoud"
    assert order.index("q") > order.index("Archief") > order.index("Belgisch voetbal")


def test_search_suggestions_by_keyboard(live_server, site, page_in_browser):
    Author.objects.create(name="Sébastien Dewaest", slug="sebastien-dewaest")
    Author.objects.create(name="Jan Mulder", slug="jan-mulder")
    page = page_in_browser
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Zoeken in Kopbal")
    box.fill("sebas")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    option = listbox.get_by_role("option").first
    assert "Sébastien Dewaest" in option.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/auteurs/sebastien-dewaest/")

    # Escape closes the list; Enter without a chosen suggestion searches.
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Zoeken in Kopbal")
    box.fill("jan")
    page.get_by_role("listbox").wait_for()
    box.press("Escape")
    assert page.get_by_role("listbox").is_hidden()
    box.fill("anderlecht")
    box.press("Enter")
    page.wait_for_url("**/zoeken/?q=anderlecht")
    assert page.locator(".search-result mark").first.inner_text().lower() == "anderlecht"


def test_search_works_without_javascript(live_server, site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-BE")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.fill("input[name=q]", "Defour")
        page.press("input[name=q]", "Enter")
        page.wait_for_url("**/zoeken/?q=Defour")
        assert page.locator(".search-result").count() >= 1
        assert page.locator(".search-result mark").first.inner_text() == "Defour"
    finally:
        context.close()
