from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from kopbal.comments.models import Comment
from kopbal.news.models import ArticlePage, ArticlePageAuthor, Author, HomePage

from .factories import publish_article


@pytest.fixture
def reader(db):
    return get_user_model().objects.create(username="lezer", display_name="Lezer")


def many_articles(section, n: int, reader, comments_each: int = 3) -> list[ArticlePage]:
    author = Author.objects.create(name="Jan Janssens", slug="jan-janssens")
    now = timezone.now()
    pages = []
    for i in range(n):
        # Live rows without revisions: listings only read the page rows.
        page = section.add_child(
            instance=ArticlePage(
                title=f"Artikel {i}",
                lead=f"Lead van artikel {i}. Tweede zin.",
                live=True,
                first_published_at=now - timedelta(minutes=i + 1),
            )
        )
        ArticlePageAuthor.objects.create(page=page, author=author)
        pages.append(page)
        Comment.objects.bulk_create(
            Comment(page=page, author=reader, body="ok") for _ in range(comments_each)
        )
    return pages


@pytest.mark.parametrize("n", [3, 30])
def test_home_page_query_budget(client, section, reader, django_assert_max_num_queries, n):
    many_articles(section, n, reader)
    client.get("/")  # warm the navigation cache like a running site
    with django_assert_max_num_queries(15):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('class="teaser"') == min(n - 1, 25)


@pytest.mark.parametrize("n_comments", [1, 300])
@pytest.mark.parametrize(("fragments", "budget"), [(False, 10), (True, 1)])
def test_article_page_query_budget(
    client, section, reader, django_assert_max_num_queries, settings, n_comments, fragments, budget
):
    """At most 10 queries rendering everything; with the article, its comment section and
    `Meest recent` kept rendered from an earlier render, the one query that finds it."""
    settings.KOPBAL_FRAGMENT_CACHE = fragments
    pages = many_articles(section, 30, reader, comments_each=1)
    article = pages[0]
    Comment.objects.bulk_create(
        Comment(page=article, author=reader, body=f"reactie {i}") for i in range(n_comments)
    )
    client.get(article.url)  # warms the navigation and the lists beside, as on a live site
    with django_assert_max_num_queries(budget):
        response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{n_comments + 1} reacties" in html
    assert "Jan Janssens" in html
    assert html.count('class="teaser"') == 25  # `Meest recent`


def test_a_kept_article_shows_each_published_edit_at_once(client, section):
    article = publish_article(
        section, title="Eerste versie", body=[("paragraph", "<p>Oude alinea.</p>")]
    )
    assert "Oude alinea." in client.get(article.url).content.decode()
    article.title = "Tweede versie"
    article.body = [("paragraph", "<p>Nieuwe alinea.</p>")]
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Nieuwe alinea." in html and "Oude alinea." not in html
    assert '<h1 class="article__title">Tweede versie</h1>' in html
    # A draft is not what readers get; the editor's preview shows it, not the kept one.
    article.body = [("paragraph", "<p>Concepttekst.</p>")]
    draft = article.save_revision()
    assert "Concepttekst." not in client.get(article.url).content.decode()
    preview = draft.as_object().make_preview_request()
    preview.render()
    assert "Concepttekst." in preview.content.decode()


def test_teasers_show_real_comment_counts(client, section, reader):
    a, b = many_articles(section, 2, reader, comments_each=0)
    Comment.objects.bulk_create(Comment(page=b, author=reader, body="x") for _ in range(7))
    Comment.objects.create(page=b, author=reader, body="wacht", status="pending")
    Comment.objects.create(page=b, author=reader, body="weg", status="removed")
    html = client.get("/").content.decode()
    teaser = html.split(">Artikel 1</a>", 1)[1].split("</article>", 1)[0]
    assert 'aria-label="7 reacties"' in teaser


def test_listing_annotates_counts_in_one_query(section, reader, django_assert_num_queries):
    many_articles(section, 25, reader)
    # One query for the teasers with their counts and the view restrictions.
    with django_assert_num_queries(1):
        counts = [a.comment_count for a in ArticlePage.objects.published().for_listing()[:25]]
    assert counts == [3] * 25


def test_restricted_articles_and_sections_stay_out_of_every_list(home, section, client):
    from wagtail.models import PageViewRestriction

    from kopbal.news.models import SectionPage

    open_article = publish_article(section, title="Voor iedereen")
    members_only = publish_article(section, title="Alleen voor abonnees")
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    closed = SectionPage.objects.get(slug="transfers")
    in_closed_section = publish_article(closed, title="Uit een besloten rubriek")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")

    titles = {a.title for a in ArticlePage.objects.published()}
    assert open_article.title in titles
    assert members_only.title not in titles and in_closed_section.title not in titles
    home_html = client.get("/").content.decode()
    assert "Voor iedereen" in home_html and "Alleen voor abonnees" not in home_html
    # The article itself asks for a login, as Wagtail's restriction says.
    assert client.get(in_closed_section.url).status_code == 302
    assert client.get(members_only.url).status_code == 302


class TestVisibility:
    """Drafts, future go-live and unpublished articles never reach a reader."""

    @pytest.fixture
    def hidden(self, section):
        live = publish_article(section, title="Zichtbaar artikel")
        draft = ArticlePage(title="Geheim concept", lead="Nog niet klaar.")
        section.add_child(instance=draft)
        draft.save_revision()
        draft.live = False
        draft.save()
        scheduled = ArticlePage(title="Gepland artikel", lead="Straks.", live=False)
        section.add_child(instance=scheduled)
        scheduled.go_live_at = timezone.now() + timedelta(hours=2)
        scheduled.save_revision().publish()
        unpublished = publish_article(section, title="Ingetrokken artikel")
        unpublished.unpublish()
        return live, [draft, scheduled, unpublished]

    def test_lists_and_pages(self, client, hidden):
        live, hidden_pages = hidden
        urls = ["/", "/belgisch-voetbal/", "/archief/", "/feeds/rss/", "/feeds/atom/"]
        for url in urls:
            html = client.get(url).content.decode()
            assert live.title in html, url
            for page in hidden_pages:
                assert page.title not in html, url
        for page in hidden_pages:
            assert client.get(f"/belgisch-voetbal/{page.slug}/").status_code == 404

    def test_scheduled_page_is_not_live_before_its_time(self, hidden):
        scheduled = ArticlePage.objects.get(title="Gepland artikel")
        assert not scheduled.live
        assert ArticlePage.objects.published().filter(pk=scheduled.pk).count() == 0


def test_read_also_to_unpublished_or_deleted_target_renders_nothing(
    client, section, django_capture_on_commit_callbacks
):
    """The article is kept rendered: withdrawing the target renders it again at once."""
    target = publish_article(section, title="Doelartikel")
    article = publish_article(
        section,
        title="Artikel met verwijzing",
        body=[("paragraph", "<p>Tekst.</p>"), ("read_also", {"page": target})],
    )
    assert "LEES OOK" in client.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        target.unpublish()
    response = client.get(article.url)
    assert response.status_code == 200
    assert "LEES OOK" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=target.pk).delete()
    response = client.get(article.url)
    assert response.status_code == 200
    assert "LEES OOK" not in response.content.decode()


def test_bad_page_numbers_are_answered_sensibly(client, section, reader):
    many_articles(section, 25, reader, comments_each=0)
    for url in ["/archief/", "/belgisch-voetbal/", "/auteurs/jan-janssens/"]:
        for page_param in ["999", "abc", "-1", "0", "1" * 40, "2.5"]:
            response = client.get(url, {"pagina": page_param})
            assert response.status_code == 200, (url, page_param)
            assert 'class="teaser"' in response.content.decode()


def test_archive_paginates_newest_first(client, section, reader):
    many_articles(section, 25, reader, comments_each=0)
    first = client.get("/archief/").content.decode()
    second = client.get("/archief/", {"pagina": 2}).content.decode()
    assert first.index("Artikel 0<") < first.index("Artikel 19<")
    assert "Artikel 19<" not in second and "Artikel 24<" in second
    assert "Pagina 2 van 2" in second


def test_author_page_lists_their_articles(client, section, reader):
    many_articles(section, 2, reader)
    other = publish_article(section, title="Van iemand anders")
    response = client.get("/auteurs/jan-janssens/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jan Janssens" in html and "Artikel 1" in html
    assert other.title not in html
    assert client.get("/auteurs/bestaat-niet/").status_code == 404


def test_unknown_page_gets_a_dutch_404(client, home):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert 'lang="nl-BE"' in response.content.decode()


def test_article_anatomy(client, demo):
    html = client.get(demo.url).content.decode()
    order = [
        '<h1 class="article__title">Steven Defour sluit deze opvallende overgang nu al uit</h1>',
        'class="byline">door',
        'rel="author" href="/auteurs/redactie/"',
        "<time datetime=",
        'class="article__lead"',
        'class="article__body"',
        "LEES OOK",
        'id="reacties"',
        "Meest recent",
        "Meer sportnieuws",
    ]
    positions = [html.index(part) for part in order]
    assert positions == sorted(positions)
    assert "<title>Steven Defour sluit deze opvallende overgang nu al uit | Kopbal</title>" in html
    assert '<meta name="description" content="Bij KV Mechelen' in html
    latest = html.split('id="meest-recent"', 1)[1]
    assert demo.title not in latest  # the article itself is not in its own `Meest recent`
    assert latest.count('class="teaser"') == 25


def test_home_page_is_the_site_root(home):
    assert HomePage.objects.count() == 1
    assert home.url == "/"


def test_an_editors_top_story_shows_on_the_home_page_at_once(
    client, home, section, django_capture_on_commit_callbacks
):
    older = publish_article(section, title="Oudere analyse")
    publish_article(section, title="Nieuwste bericht")
    assert 'class="top-story__title"><a href="/belgisch-voetbal/nieuwste-bericht/">' in (
        client.get("/").content.decode()
    )
    home.top_story = older
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'class="top-story__title"><a href="/belgisch-voetbal/oudere-analyse/">' in html


def test_the_routed_article_is_the_article_as_the_orm_loads_it(section):
    """The article request's one query (kopbal/news/routing.py) reads the row itself: every
    field, dates with their time zone included, must be what Django would have loaded."""
    from wagtail.models import PageViewRestriction

    from kopbal.news.routing import live_article

    article = publish_article(section, title="Rechtstreeks gelezen")
    routed = live_article(article.url_path)
    loaded = ArticlePage.objects.get(pk=article.pk)
    for field in ArticlePage._meta.concrete_fields:
        assert getattr(routed, field.attname) == getattr(loaded, field.attname), field.name
    assert routed.first_published_at.tzinfo is not None
    assert routed.view_restricted is False
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert live_article(article.url_path).view_restricted is True
    assert live_article(article.url_path.replace("rechtstreeks", "elders")) is None


def test_a_kept_article_reads_gisteren_after_midnight(client, section):
    evening = datetime(2026, 11, 27, 23, 55, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(evening, tick=False):
        article = publish_article(section, title="Laat nieuws", first_published_at=evening)
        assert "vandaag, 23u55" in client.get(article.url).content.decode()
    with time_machine.travel(evening + timedelta(minutes=7), tick=False):
        assert "gisteren, 23u55" in client.get(article.url).content.decode()


def test_a_renamed_author_shows_in_kept_bylines_at_once(
    client, section, django_capture_on_commit_callbacks
):
    author = Author.objects.create(name="Jan Janssens", slug="jan-janssens")
    article = publish_article(section, title="Met een auteur")
    ArticlePageAuthor.objects.create(page=article, author=author)
    assert ">Jan Janssens</a>" in client.get(article.url).content.decode()
    author.name = "Jan Peeters"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    html = client.get(article.url).content.decode()
    assert ">Jan Peeters</a>" in html and "Jan Janssens" not in html
