"""Readers on a keyboard or with a screen reader: axe-core finds nothing serious on the
live blog and the transfer tracker's pages; the window filters work without a mouse."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from kopbal.liveblogs.actions import do_mark_key_event, do_pin_entry
from kopbal.liveblogs.tests.factories import add_entries, publish_blog
from kopbal.transfers.choices import Kind, Status

from . import factories as f

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


def test_deadline_day_pages_are_accessible(live_server, section, world, page_in_browser):
    cache.clear()
    blog = publish_blog(section)
    entries = add_entries(blog, 4)
    do_pin_entry(entries[0])
    do_mark_key_event(entries[2])
    official = f.transfer(
        world.praet,
        world.antwerp,
        world.genk,
        status=Status.OFFICIAL,
        source=world.hln,
        fee=4_500_000,
        fee_official=True,
    )
    f.transfer(world.vazquez, world.anderlecht, world.genk, status=Status.OFF, kind=Kind.LOAN)
    page = page_in_browser
    problems = {}
    for name, url in {
        "live blog": blog.url,
        "window": "/transferperiode/2027/winter/",
        "window, bad filter": "/transferperiode/2027/winter/?status=misschien",
        "transfer": official.get_absolute_url(),
        "club": world.genk.get_absolute_url(),
        "person": world.praet.get_absolute_url(),
    }.items():
        page.goto(live_server.url + url)
        found = serious_violations(page)
        if found:
            problems[name] = found
    assert problems == {}

    # The filters by keyboard: pick a status, submit, and the table follows.
    page.goto(live_server.url + "/transferperiode/2027/winter/")
    page.get_by_label("Status", exact=True).select_option("afgeketst")
    page.get_by_role("button", name="Filteren").press("Enter")
    page.wait_for_url("**status=afgeketst**")
    rows = page.locator(".transfer-table tbody tr")
    assert rows.count() == 1 and "Luca Verhoeven" in rows.first.inner_text()
