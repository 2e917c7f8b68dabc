"""Sitemaps and robots.txt, validated against the published XML schemas (shipped here)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from kopbal.news.models import ArticlePage

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid(xml: bytes, xsd: str) -> etree._Element:
    doc = etree.fromstring(xml)
    checker = schema(xsd)
    assert checker.validate(doc), checker.error_log
    return doc


@pytest.fixture
def site(article, section):
    fresh = article("Vers nieuws: Vanaken verlengt", hours=2)
    yesterday = article("Nieuws van gisteren & eergisteren", hours=40)
    old = article("Oud nieuws uit de vorige maand", hours=24 * 30)
    gone = article("Ingetrokken bericht", hours=1)
    gone.unpublish()
    draft = ArticlePage(title="Concept dat niemand ziet", lead="Nog niet.")
    section.add_child(instance=draft)
    draft.save_revision()
    draft.live = False
    draft.save()
    return {"fresh": fresh, "yesterday": yesterday, "old": old, "hidden": [gone, draft]}


def test_sitemap_index_and_parts_validate_and_list_every_public_page(client, site, section):
    from kopbal.football.models import Club, Person

    Club.objects.create(name="KV Sitemaptest", slug="kv-sitemaptest")
    Person.objects.create(name="Speler Sitemaptest", slug="speler-sitemaptest", role="player")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = valid(response.content, "siteindex.xsd")
    parts = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert {p.rsplit("/", 1)[1] for p in parts} == {
        "sitemap-pagina.xml",
        "sitemap-auteurs.xml",
        "sitemap-clubs.xml",
        "sitemap-personen.xml",
    }

    locations = []
    for part in parts:
        path = "/" + part.split("/", 3)[3]
        doc = valid(client.get(path).content, "sitemap.xsd")
        locations += doc.xpath("//s:url/s:loc/text()", namespaces=NS)
        if path.endswith("-pagina.xml"):  # pages know when they changed
            assert doc.xpath("//s:url/s:lastmod", namespaces=NS)
    paths = {"/" + loc.split("/", 3)[3] for loc in locations}
    for page in (site["fresh"], site["yesterday"], site["old"], section):
        assert page.url in paths
    assert "/" in paths and "/auteurs/jan-janssens/" in paths
    assert "/clubs/kv-sitemaptest/" in paths and "/personen/speler-sitemaptest/" in paths
    assert all(loc.startswith("http://localhost/") for loc in locations)
    for page in site["hidden"]:
        assert not any(page.slug in p for p in paths)


def test_news_sitemap_has_the_last_48_hours_with_publication_and_language(client, site):
    response = client.get("/sitemap-nieuws.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    doc = valid(response.content, "combined.xsd")
    urls = doc.xpath("//s:url", namespaces=NS)
    titles = [u.xpath("n:news/n:title/text()", namespaces=NS)[0] for u in urls]
    # Newest first; escaped `&` comes back as the headline; older and hidden articles out.
    assert titles == ["Vers nieuws: Vanaken verlengt", "Nieuws van gisteren & eergisteren"]
    for url in urls:
        assert url.xpath("n:news/n:publication/n:name/text()", namespaces=NS) == ["Kopbal"]
        assert url.xpath("n:news/n:publication/n:language/text()", namespaces=NS) == ["nl"]
    published = urls[0].xpath("n:news/n:publication_date/text()", namespaces=NS)[0]
    fresh = site["fresh"].first_published_at
    assert abs(timezone.datetime.fromisoformat(published) - fresh) < timedelta(seconds=1)
    assert urls[0].xpath("s:loc/text()", namespaces=NS)[0].endswith(site["fresh"].url)


def test_sitemap_validation_would_catch_a_broken_sitemap():
    broken = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://localhost/a/</loc><news:news><news:publication><news:name>K</news:name>
  <news:language>Nederlands</news:language></news:publication>
  <news:publication_date>gisteren</news:publication_date><news:title>T</news:title>
  </news:news></url></urlset>"""
    assert not schema("combined.xsd").validate(etree.fromstring(broken))


def test_robots_txt_points_at_both_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert [s.rsplit("/", 1)[1] for s in sitemaps] == ["sitemap.xml", "sitemap-nieuws.xml"]
    assert all(s.startswith("http") for s in sitemaps)
    assert not any(line.strip() == "Disallow: /" for line in lines)


def test_unknown_sitemap_part_is_404(client, db):
    assert client.get("/sitemap-bestaatniet.xml").status_code == 404
