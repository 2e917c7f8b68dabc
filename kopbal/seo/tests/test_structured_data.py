"""What search engines and social networks read: JSON-LD, OpenGraph, Twitter, canonical."""

import json
import re
from datetime import datetime

import pytest
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(html)]


def meta(html: str, key: str) -> list[str]:
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return re.findall(pattern, html)


def canonical(html: str) -> str:
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert len(found) == 1
    return found[0]


@pytest.fixture
def hero(db):
    return Image.objects.create(
        title="foto", file=ImageFile(get_test_image_file(size=(1200, 800)), name="held.png")
    )


def test_article_carries_news_article_json_ld(client, article, hero):
    page = article(
        "Defour blijft coach van KV Mechelen",
        hero_image=hero,
        hero_caption="Steven Defour langs de lijn in het AFAS Stadion",
    )
    html = client.get(page.url).content.decode()
    [data] = [d for d in json_ld(html) if d.get("@type") == "NewsArticle"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Defour blijft coach van KV Mechelen"
    assert datetime.fromisoformat(data["datePublished"]) == page.first_published_at
    assert datetime.fromisoformat(data["dateModified"]) >= page.first_published_at
    assert data["author"] == [
        {"@type": "Person", "name": "Jan Janssens", "url": "http://localhost/auteurs/jan-janssens/"}
    ]
    assert data["image"][0].startswith("http://localhost/media/images/held")
    logo = data["publisher"]["logo"]
    assert data["publisher"]["name"] == "Kopbal"
    assert logo["url"].endswith("/static/img/logo.png") and logo["width"] == 512
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical(html)}
    assert canonical(html) == "http://localhost" + page.url
    assert data["articleSection"] == "Belgisch voetbal"
    # The same image, with the caption as its description, for sharing.
    assert meta(html, "og:image") == [data["image"][0]]
    assert meta(html, "og:image:alt") == ["Steven Defour langs de lijn in het AFAS Stadion"]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "article:author") == ["Jan Janssens"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    # And the alt text of the photo in the page is the caption.
    assert 'alt="Steven Defour langs de lijn in het AFAS Stadion"' in html


def test_article_without_author_or_photo_still_has_valid_data(client, article):
    page = article("Kort nieuws", by=False)
    html = client.get(page.url).content.decode()
    [data] = [d for d in json_ld(html) if d.get("@type") == "NewsArticle"]
    assert data["author"][0]["@type"] == "Organization"
    assert data["image"] == ["http://localhost/static/img/og-default.png"]


def test_json_ld_cannot_be_broken_out_of(client, article):
    page = article('Titel met </script><script>alert("x")</script> erin')
    html = client.get(page.url).content.decode()
    assert '<script>alert("x")</script>' not in html
    [data] = [d for d in json_ld(html) if d.get("@type") == "NewsArticle"]
    assert data["headline"] == 'Titel met </script><script>alert("x")</script> erin'


def test_home_page_has_website_with_search_action_and_organization(client, article):
    article("Iets")
    html = client.get("/").content.decode()
    [data] = json_ld(html)
    graph = {node["@type"]: node for node in data["@graph"]}
    action = graph["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/zoeken/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert graph["NewsMediaOrganization"]["logo"]["url"] == "http://localhost/static/img/logo.png"
    assert canonical(html) == "http://localhost/"
    # The search action's URL really searches.
    assert client.get("/zoeken/", {"q": "iets"}).status_code == 200


def test_every_reader_page_has_canonical_opengraph_twitter_and_feeds(client, article, section):
    page = article("Openda scoort")
    pages = {
        "/": "http://localhost/",
        section.url: "http://localhost/belgisch-voetbal/",
        page.url: "http://localhost" + page.url,
        "/archief/?pagina=1&utm_source=x": "http://localhost/archief/",
        "/auteurs/jan-janssens/": "http://localhost/auteurs/jan-janssens/",
        "/zoeken/?q=openda&fbclid=abc": "http://localhost/zoeken/?q=openda",
    }
    for url, expected in pages.items():
        html = client.get(url).content.decode()
        assert canonical(html) == expected, url
        assert meta(html, "og:url") == [expected], url
        for key in ("og:title", "og:description", "og:image", "twitter:card", "twitter:image"):
            assert meta(html, key) and meta(html, key)[0], (url, key)
        assert 'type="application/rss+xml"' in html and 'href="http://localhost/feeds/rss/"' in html
    assert meta(client.get("/auteurs/jan-janssens/").content.decode(), "og:title") == [
        "Jan Janssens"
    ]
    assert (
        'href="http://localhost/feeds/rubriek/belgisch-voetbal/rss/"'
        in client.get(section.url).content.decode()
    )
    assert (
        'href="http://localhost/auteurs/jan-janssens/rss/"'
        in client.get("/auteurs/jan-janssens/").content.decode()
    )


def test_metadata_adds_no_queries_to_a_rendered_article(
    client, article, hero, rf, django_assert_max_num_queries
):
    from django.template import RequestContext

    from kopbal.core.context_processors import site_navigation
    from kopbal.seo.meta import page_meta

    page = article("Met foto", hero_image=hero, hero_caption="Een foto")
    client.get(page.url)  # warms the navigation cache and the image rendition, as a live site
    request = rf.get(page.url)
    context = RequestContext(
        request, {"request": request, "page": page, "authors": page.get_authors()}
    )
    context.update(site_navigation(request))
    assert page.hero_image.title == "foto"  # the article template has loaded it already
    with django_assert_max_num_queries(1):  # at most the Site, for the canonical URL
        meta = page_meta(context)
    assert meta.section == "Belgisch voetbal"
    assert meta.image.startswith("http://localhost/media/images/held")
