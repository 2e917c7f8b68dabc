"""Club and person pages, their feeds, and the football part of the article page."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from kopbal.football.models import ArticleClub, ArticlePerson, RelatedArticle
from kopbal.news.tests.factories import publish_article


def tagged(section, title, clubs=(), people=(), minutes_ago=1, lead=None):
    """An article published through a revision with its tags, as the importer does."""
    from kopbal.news.models import ArticlePage

    page = ArticlePage(title=title, lead=lead or f"{title}. Tweede zin.")
    page.first_published_at = timezone.now() - timedelta(minutes=minutes_ago)
    page.club_tags = [ArticleClub(club=c) for c in clubs]
    page.person_tags = [ArticlePerson(person=p) for p in people]
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


PAGE_SIZE = 4


@pytest.fixture
def mechelen_news(section, world, settings):
    """Three pages of KV Mechelen articles (small pages: more data changes no query count)."""
    settings.KOPBAL_PAGE_SIZE = PAGE_SIZE
    kvm, defour = world["kv-mechelen"], world["steven-defour"]
    return [
        tagged(
            section,
            f"Mechelen-nieuws {i}",
            clubs=[kvm],
            people=[defour] if i % 2 else [],
            minutes_ago=i + 1,
        )
        for i in range(3 * PAGE_SIZE)
    ]


def test_club_page_shows_facts_latest_articles_and_people_now(client, section, world):
    kvm, anderlecht = world["kv-mechelen"], world["rsc-anderlecht"]
    tagged(section, "Malinwa wint de beker", clubs=[kvm], minutes_ago=5)
    tagged(section, "Anderlecht wint de derby", clubs=[anderlecht], minutes_ago=3)
    html = client.get("/clubs/kv-mechelen/").content.decode()
    assert "<h1>KV Mechelen</h1>" in html
    assert "Maneblussers" in html and "AFAS-stadion Achter de Kazerne" in html
    assert "Jupiler Pro League" in html
    assert "Malinwa wint de beker" in html and "Anderlecht wint de derby" not in html
    html = client.get("/clubs/ssc-napoli/").content.decode()
    napoli_now = html.split("Nu bij de club", 1)[1].split("</ul>", 1)[0]
    # Conte coaches Napoli, Lukaku plays there; the coach is listed first.
    assert 'href="/personen/antonio-conte/"' in napoli_now
    assert napoli_now.index("Antonio Conte") < napoli_now.index("Romelu Lukaku")
    html = client.get("/clubs/rsc-anderlecht/").content.decode()
    # Once of Anderlecht, now elsewhere: Kompany (Bayern), Still (Watford), Renard (gone).
    anderlecht_now = html.split("Nu bij de club", 1)[1].split("</aside>", 1)[0]
    for name in ("Vincent Kompany", "Edward Still", "Olivier Renard"):
        assert name not in anderlecht_now, name
    html = client.get("/personen/edward-still/").content.decode()
    assert 'Trainer bij <a href="/clubs/watford/">Watford</a>' in html


def test_person_page_shows_role_current_club_and_career_as_player_then_coach(client, world):
    html = client.get("/personen/steven-defour/").content.decode()
    assert "<h1>Steven Defour</h1>" in html and "Momenteel zonder club" in html
    player = html.index("Als speler")
    coach = html.index("Als trainer")
    assert player < coach
    career = html[player:]
    order = [
        "KRC Genk",
        "Standard Luik",
        "FC Porto",
        "RSC Anderlecht",
        "Burnley",
        "Royal Antwerp FC",
    ]
    assert [career.index(name) for name in order] == sorted(career.index(n) for n in order)
    assert "2006 – 2011" in career  # Standard
    assert career.index("KV Mechelen", coach - player) > 0  # coach of KV Mechelen
    html = client.get("/personen/wouter-vrancken/").content.decode()
    assert 'Trainer bij <a href="/clubs/sint-truidense-vv/">Sint-Truidense VV</a>' in html
    assert "2025 – heden" in html


def test_unknown_club_or_person_is_a_dutch_404(client, world):
    response = client.get("/clubs/bestaat-niet/")
    assert response.status_code == 404
    assert client.get("/personen/bestaat-niet/").status_code == 404
    assert client.get("/clubs/bestaat-niet/rss/").status_code == 404


@pytest.mark.parametrize("url", ["/clubs/kv-mechelen/", "/personen/steven-defour/"])
def test_club_and_person_pages_stay_within_the_query_budget(
    client, mechelen_news, django_assert_max_num_queries, url, users
):
    client.get(url)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="teaser"') == PAGE_SIZE
    client.force_login(users("reader"))
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url + "?pagina=2").status_code == 200


def test_club_index_lists_the_jpl_clubs(client, world, django_assert_max_num_queries):
    client.get("/clubs/")
    with django_assert_max_num_queries(15):
        html = client.get("/clubs/").content.decode()
    jpl = html.split("Jupiler Pro League", 1)[1].split("</section>", 1)[0]
    assert jpl.count("<li>") == 16
    assert "Ajax" in html


def test_club_and_person_feeds_list_their_articles(client, section, world):
    kvm, anderlecht = world["kv-mechelen"], world["rsc-anderlecht"]
    tagged(section, "Malinwa wint de beker", clubs=[kvm], people=[world["steven-defour"]])
    tagged(section, "Anderlecht wint de derby", clubs=[anderlecht])
    publish_article(section, title="Zonder tags")
    feed = feedparser.parse(client.get("/clubs/kv-mechelen/rss/").content)
    assert feed.bozo == 0
    assert feed.feed.title.startswith("KV Mechelen")
    assert [e.title for e in feed.entries] == ["Malinwa wint de beker"]
    atom = feedparser.parse(client.get("/personen/steven-defour/atom/").content)
    assert atom.bozo == 0 and [e.title for e in atom.entries] == ["Malinwa wint de beker"]
    rss = feedparser.parse(client.get("/personen/steven-defour/rss/").content)
    assert rss.bozo == 0 and rss.version.startswith("rss")
    assert rss.feed.title.startswith("Steven Defour")
    assert [e.title for e in rss.entries] == ["Malinwa wint de beker"]
    assert client.get("/personen/bestaat-niet/rss/").status_code == 404
    html = client.get("/personen/steven-defour/").content.decode()
    assert 'type="application/rss+xml"' in html and "/personen/steven-defour/rss/" in html
    html = client.get("/clubs/kv-mechelen/").content.decode()
    assert 'type="application/rss+xml"' in html and "/clubs/kv-mechelen/rss/" in html


def test_article_links_to_its_clubs_and_people(client, section, world):
    article = tagged(
        section,
        "Malinwa wint de beker",
        clubs=[world["kv-mechelen"]],
        people=[world["steven-defour"]],
    )
    html = client.get(article.url).content.decode()
    tags = html.split('class="article-tags"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/clubs/kv-mechelen/">KV Mechelen</a>' in tags
    assert 'href="/personen/steven-defour/">Steven Defour</a>' in tags


def test_article_ends_with_related_articles_unless_the_editor_picked_some(client, section, world):
    kvm, defour, genk = world["kv-mechelen"], world["steven-defour"], world["krc-genk"]
    article = tagged(section, "Defour blijft bij Mechelen", clubs=[kvm], people=[defour])
    same_person = tagged(section, "Defour over zijn toekomst", people=[defour], minutes_ago=60)
    same_club = tagged(section, "Mechelen haalt een spits", clubs=[kvm], minutes_ago=30)
    tagged(section, "Genk wint", clubs=[genk], minutes_ago=2)
    html = client.get(article.url).content.decode()
    related = html.split('id="lees-ook-titel"', 1)[1].split("</section>", 1)[0]
    assert related.index(same_person.title) < related.index(same_club.title)
    assert "Genk wint" not in related and article.title not in related
    # The editor's pick replaces the suggestions.
    picked = publish_article(section, title="Een heel ander verhaal")
    draft = article.get_latest_revision_as_object()  # as the editor does: a new revision
    draft.related_articles = [RelatedArticle(article=picked, sort_order=0)]
    draft.save_revision().publish()
    html = client.get(article.url).content.decode()
    related = html.split('id="lees-ook-titel"', 1)[1].split("</section>", 1)[0]
    assert "Een heel ander verhaal" in related and same_person.title not in related
    # An unpublished pick is not shown, and the suggestions come back.
    picked.unpublish()
    html = client.get(article.url).content.decode()
    related = html.split('id="lees-ook-titel"', 1)[1].split("</section>", 1)[0]
    assert "Een heel ander verhaal" not in related and same_person.title in related


def test_article_page_stays_within_budget_with_tags_and_related(
    client, mechelen_news, django_assert_max_num_queries
):
    article = mechelen_news[1]
    client.get(article.url)
    with django_assert_max_num_queries(15):
        response = client.get(article.url)
    html = response.content.decode()
    assert 'class="article-tags"' in html and 'id="lees-ook-titel"' in html


def test_editing_a_club_or_person_purges_their_cached_pages(
    client, world, django_capture_on_commit_callbacks
):
    """Anonymous readers get club and person pages from the page cache (kopbal.core)."""
    from kopbal.core.pagecache import lookup

    def cached(path):
        return lookup("testserver", path, "") is not None

    for path in (
        "/clubs/",
        "/clubs/kv-mechelen/",
        "/clubs/sint-truidense-vv/",
        "/personen/wouter-vrancken/",
    ):
        client.get(path)
        assert cached(path), path
    club = world["kv-mechelen"]
    club.nicknames += "\nGeel-Rood"
    with django_capture_on_commit_callbacks(execute=True):
        club.save()
    assert not cached("/clubs/kv-mechelen/") and not cached("/clubs/")
    assert cached("/clubs/sint-truidense-vv/")
    vrancken = world["wouter-vrancken"]
    vrancken.bio = "Trainer van STVV."
    with django_capture_on_commit_callbacks(execute=True):
        vrancken.save()
    assert not cached("/personen/wouter-vrancken/")
    assert not cached("/clubs/sint-truidense-vv/")  # his club lists him under `Nu bij de club`
    assert "Geel-Rood" in client.get("/clubs/kv-mechelen/").content.decode()
