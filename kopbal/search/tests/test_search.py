"""Search as a reader uses it, on SQLite (FTS5 + Dutch stems) and PostgreSQL ("dutch")."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kopbal.news.models import ArticlePage


def titles(response) -> list[str]:
    return [item["article"].title for item in response.context["items"]]


def search(client, **params):
    return client.get("/zoeken/", params)


class TestDutch:
    def test_stemming_finds_plural_and_inflected_forms(self, client, article):
        article("Nieuwe transfers bij Club Brugge", days=0)
        article("Lukaku getransfereerd naar Napoli", lead="Hij is al gepresenteerd.", days=30)
        article("Drie spelers weg bij Genk", lead="De speler vertrekt.")
        article("Fietspaden rond het stadion")
        article("Niets te maken met voetbal", lead="Over het weer, dat verkeerd liep.")

        both = ["Nieuwe transfers bij Club Brugge", "Lukaku getransfereerd naar Napoli"]
        assert titles(search(client, q="transfer")) == both
        assert titles(search(client, q="speler")) == ["Drie spelers weg bij Genk"]
        assert titles(search(client, q="fietspad")) == ["Fietspaden rond het stadion"]
        # Stemming works in both directions: the query's own inflection does not matter.
        assert titles(search(client, q="TRANSFERS")) == both
        assert titles(search(client, q="getransfereerde")) == both
        assert titles(search(client, q="transfereren")) == both
        assert titles(search(client, q="presenteren")) == ["Lukaku getransfereerd naar Napoli"]
        # Short words that merely end like a participle keep their meaning.
        assert titles(search(client, q="verkeren")) == []

    def test_accents_are_ignored_both_ways(self, client, article):
        article("Vázquez wéér doeltreffend")
        article("Modrić blijft in Madrid")
        article("Financiële problemen bij Seraing")

        assert titles(search(client, q="vazquez weer")) == ["Vázquez wéér doeltreffend"]
        assert titles(search(client, q="modric")) == ["Modrić blijft in Madrid"]
        assert titles(search(client, q="Módríc")) == ["Modrić blijft in Madrid"]
        assert titles(search(client, q="financiele")) == ["Financiële problemen bij Seraing"]

    def test_every_word_must_match_and_phrases_keep_their_order(self, client, article):
        article("Defour verlengt bij KV Mechelen")
        article("Defour over zijn toekomst", lead="Mechelen KV of het buitenland?")
        article("Mechelen wint derby", lead="KV Mechelen was beter.")

        assert set(titles(search(client, q="defour mechelen"))) == {
            "Defour verlengt bij KV Mechelen",
            "Defour over zijn toekomst",
        }
        assert titles(search(client, q='defour "kv mechelen"')) == [
            "Defour verlengt bij KV Mechelen"
        ]

    def test_words_in_the_body_are_found_too(self, client, article):
        article("Een gewone titel", body="De middenvelder trapte de penalty binnen.")
        assert titles(search(client, q="penalty")) == ["Een gewone titel"]


class TestRanking:
    def test_fresh_article_before_old_one_when_equally_relevant(self, client, article):
        article("Transfer van Lukaku naar Napoli", days=3 * 365)
        article("Transfer van Lukaku naar Anderlecht", days=0)
        article("Transfer van Lukaku naar Chelsea", days=40)

        assert titles(search(client, q="transfer lukaku")) == [
            "Transfer van Lukaku naar Anderlecht",
            "Transfer van Lukaku naar Chelsea",
            "Transfer van Lukaku naar Napoli",
        ]

    def test_relevance_still_counts_among_articles_of_the_same_day(self, client, article):
        article("Ploegnieuws", lead="Ook over de transfer van een jeugdspeler.", days=0)
        article("Transfer: Vanaken naar Italië", lead="De transfer is rond.", days=0)

        assert titles(search(client, q="transfer"))[0] == "Transfer: Vanaken naar Italië"

    def test_sort_by_date(self, client, article):
        article("Transfer één", lead="transfer transfer transfer", days=5)
        article("Nieuws", lead="Een transfer.", days=1)
        response = search(client, q="transfer", sorteer="datum")
        assert titles(response) == ["Nieuws", "Transfer één"]


class TestFilters:
    def test_section(self, client, article, transfers):
        article("Goal van Openda", lead="Openda scoort.")
        article("Openda naar Leipzig", lead="Openda vertrekt.", in_section=transfers)

        response = search(client, q="openda", rubriek="transfers")
        assert titles(response) == ["Openda naar Leipzig"]
        assert "Transfers" in response.content.decode()

    def test_date_range(self, client, article):
        now = timezone.localtime()
        article("Derby oud", days=30)
        article("Derby recent", days=2)
        article("Derby vandaag", days=0)

        start = (now - timedelta(days=3)).date().isoformat()
        end = (now - timedelta(days=1)).date().isoformat()
        assert titles(search(client, q="derby", van=start, tot=end)) == ["Derby recent"]
        assert set(titles(search(client, q="derby", van=start))) == {
            "Derby recent",
            "Derby vandaag",
        }

    def test_filters_without_words_list_the_newest_articles(self, client, article, transfers):
        article("Ouder transfernieuws", days=3, in_section=transfers)
        article("Vers transfernieuws", days=0, in_section=transfers)
        article("Iets anders", days=0)
        response = search(client, rubriek="transfers")
        assert response.status_code == 200
        assert titles(response) == ["Vers transfernieuws", "Ouder transfernieuws"]

    def test_club_and_person(self, client, article):
        from django.apps import apps

        if not apps.is_installed("kopbal.football"):
            pytest.skip("kopbal.football is not installed yet")
        from kopbal.football.models import ArticleClub, ArticlePerson, Club, Person

        club = Club.objects.create(name="KV Mechelen", slug="kv-mechelen-test")
        person = Person.objects.create(
            name="Steven Defour", slug="steven-defour-test", role="coach"
        )
        tagged = article("Defour blijft", lead="De coach blijft.")
        other = article("Defour elders", lead="Een andere coach.")
        ArticleClub.objects.create(page=tagged, club=club)
        ArticlePerson.objects.create(page=tagged, person=person)

        assert titles(search(client, q="defour", club=club.slug)) == [tagged.title]
        assert titles(search(client, q="defour", persoon=person.slug)) == [tagged.title]
        assert set(titles(search(client, q="defour"))) == {tagged.title, other.title}
        response = search(client, q="defour", club="bestaat-niet")
        assert response.status_code == 400
        assert "Die club kennen we niet." in response.content.decode()

    def test_readers_filter_by_typing_a_club_or_person_name(self, client, article):
        from django.apps import apps

        if not apps.is_installed("kopbal.football"):
            pytest.skip("kopbal.football is not installed yet")
        from kopbal.football.models import ArticleClub, ArticlePerson, Club, Person

        mechelen = Club.objects.create(
            name="KV Mechelen-zoektest", slug="kvm-zoektest", nicknames="Malinwa-zoektest"
        )
        Club.objects.create(name="Cercle Zoektest", slug="cercle-zoektest")
        Club.objects.create(name="Club Zoektest", slug="club-zoektest")
        person = Person.objects.create(name="Luka Modrić-zoektest", slug="modric-zt", role="player")
        tagged = article("Derby in Mechelen", lead="Modrić kijkt toe.")
        article("Derby elders", lead="Zonder Modrić.")
        ArticleClub.objects.create(page=tagged, club=mechelen)
        ArticlePerson.objects.create(page=tagged, person=person)

        # The search page offers both filters as fields, with labels.
        html = search(client, q="derby").content.decode()
        assert '<label for="id_club">Club</label>' in html
        assert '<label for="id_persoon">Persoon</label>' in html
        # A name, a nickname, or the start of a name, accents and case ignored.
        for typed in ("kv mechelen-zoektest", "MALINWA-zoektest", "malinwa-zoek"):
            response = search(client, q="derby", club=typed)
            assert response.status_code == 200, (typed, response.context.get("errors"))
            assert titles(response) == ["Derby in Mechelen"], typed
        response = search(client, q="derby", persoon="luka modric-zoektest")
        assert titles(response) == ["Derby in Mechelen"]
        # The field shows the club's name, also when a link passed its slug.
        html = search(client, q="derby", club="kvm-zoektest").content.decode()
        assert 'name="club" value="KV Mechelen-zoektest"' in html
        # A name that fits several clubs asks which one, and names them.
        response = search(client, q="derby", club="zoektest")
        assert response.status_code == 400
        html = response.content.decode()
        assert "kan meerdere namen zijn" in html
        assert "Cercle Zoektest" in html and "Club Zoektest" in html
        response = search(client, q="derby", persoon="x" * 121)
        assert response.status_code == 400
        assert "Die naam is te lang." in response.content.decode()


class TestOnlyWhatReadersMaySee:
    def test_drafts_unpublished_future_and_private_articles_are_not_found(
        self, client, article, section
    ):
        article("Openbaar: Tielemans terug")
        gone = article("Ingetrokken: Tielemans weg")
        gone.unpublish()
        draft = ArticlePage(title="Concept: Tielemans", lead="Nog niet klaar.")
        section.add_child(instance=draft)
        draft.save_revision()
        draft.live = False
        draft.save()
        private = article("Privé: Tielemans geheim")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        assert titles(search(client, q="tielemans")) == ["Openbaar: Tielemans terug"]


class TestPresentation:
    def test_matches_are_marked_and_text_is_escaped(self, client, article):
        article(
            "Transfers <script>alert(1)</script> van de zomer",
            lead="Een lange inleiding zonder het woord. " * 5,
            body="Alle transfers op een rij, met ook de getransfereerde spelers.",
        )
        html = search(client, q="transfer").content.decode()
        assert "<mark>Transfers</mark> &lt;script&gt;" in html
        assert "Alle <mark>transfers</mark> op een rij" in html
        assert "de <mark>getransfereerde</mark> spelers" in html
        assert "<script>alert(1)</script>" not in html

    def test_pagination_keeps_the_query_and_filters(self, client, article):
        for i in range(12):
            article(f"Blessure nummer {i}", days=i)
        first = search(client, q="blessure", rubriek="belgisch-voetbal")
        assert len(first.context["items"]) == 10
        html = first.content.decode()
        assert "12 artikels gevonden voor „blessure”" in html
        assert "pagina=2" in html and "q=blessure" in html and "rubriek=belgisch-voetbal" in html
        second = search(client, q="blessure", rubriek="belgisch-voetbal", pagina=2)
        assert titles(second) == ["Blessure nummer 10", "Blessure nummer 11"]
        # A page past the end shows the last page rather than an error.
        assert titles(search(client, q="blessure", pagina=99)) == titles(second)

    def test_no_results_gives_advice(self, client, article):
        article("Iets over Genk")
        response = search(client, q="cricket")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Geen artikels gevonden." in html
        assert "0 artikels gevonden voor „cricket”" in html

    def test_query_budget(self, client, article, django_assert_max_num_queries):
        for i in range(15):
            article(f"Kampioen {i}", lead="De kampioen viert.")
        search(client, q="kampioen")
        with django_assert_max_num_queries(10):
            response = search(client, q="kampioen")
        assert len(response.context["items"]) == 10


class TestBadQueries:
    @pytest.mark.parametrize(
        "params, message",
        [
            ({"q": ""}, "Typ een of meer woorden"),
            ({"q": "   "}, "Typ een of meer woorden"),
            ({"q": "x" * 201}, "Je zoekopdracht is te lang"),
            ({"q": "?!…---***"}, "staan geen woorden om op te zoeken"),
            ({"q": "de van het"}, "Woorden als ‘de’ en ‘van’"),
        ],
    )
    def test_friendly_answer_with_200(self, client, article, params, message):
        article("Transfer")
        response = search(client, **params)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert response.context["page_obj"] is None

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"q": "a", "van": "gisteren"}, "Geef de datum als jjjj-mm-dd"),
            ({"q": "a", "van": "2026-05-17", "tot": "2026-05-01"}, "De begindatum ligt na"),
            ({"q": "a", "van": "0001-01-01"}, "Kies een datum tussen 1900 en 2100"),
            ({"q": "a", "tot": "31-12-9999"}, "Kies een datum tussen 1900 en 2100"),
            ({"q": "a", "rubriek": "cricket"}, "Die rubriek bestaat niet"),
            ({"q": "a", "sorteer": "populair"}, "Sorteren kan op relevantie of op datum"),
            ({"q": "a", "pagina": "twee"}, "Het paginanummer moet een getal zijn"),
            ({"q": "a", "pagina": "0"}, "Deze zoekopdracht kunnen we niet uitvoeren"),
            ({"q": "trans\x00fer"}, "Deze zoekopdracht kunnen we niet uitvoeren"),
        ],
    )
    def test_malformed_parameters_are_a_400_with_the_reason(self, client, db, params, message):
        response = search(client, **params)
        assert response.status_code == 400
        assert message in response.content.decode()

    @pytest.mark.parametrize(
        "query, found",
        [
            ('"transfer', True),
            ("NEAR(transfer", False),  # two words, `near` is not in the article
            ("transfer*", True),
            ("title:transfer", False),  # `title` is a word like any other: no match
            ("transfer^2", False),
            ("{title}: transfer", False),
            ('transfer \\ \' ""', True),
            ("transfer AND OR NOT", False),
            ("'; DROP TABLE x; --", False),
            ("ünïcödé ✓ ⚽", False),
        ],
    )
    def test_search_syntax_is_plain_text_never_an_error(self, client, article, query, found):
        article("Transfer rond")
        response = search(client, q=query)
        assert response.status_code == 200
        assert ("Transfer rond" in titles(response)) is found

    def test_only_get(self, client, db):
        assert client.post("/zoeken/", {"q": "transfer"}).status_code == 405

    @override_settings(KOPBAL_SEARCH_PER_MINUTE=3)
    def test_rate_limited_with_a_dutch_429(self, client, db):
        for _ in range(3):
            assert search(client, q="genk").status_code == 200
        response = search(client, q="genk")
        assert response.status_code == 429
        assert "Je zoekt erg snel na elkaar" in response.content.decode()
        assert response["Retry-After"] == "60"


def test_search_box_on_every_page(client, article):
    page = article("Iets")
    for url in ["/", "/belgisch-voetbal/", page.url, "/archief/", "/zoeken/"]:
        html = client.get(url).content.decode()
        assert 'role="search"' in html and 'action="/zoeken/"' in html, url


class TestTheIndexReallyStemsDutch:
    """What each database stores, so that a misconfigured backend cannot hide."""

    def entry(self, page):
        from wagtail.search.models import IndexEntry

        return IndexEntry.objects.get(object_id=str(page.pk))

    @pytest.mark.postgres
    def test_postgresql_uses_the_dutch_configuration(self, article):
        from wagtail.search.backends import get_search_backend

        page = article("Spelers getransfereerd", lead="Modrić en de fietspaden.")
        assert get_search_backend().config == "dutch"
        body, title = str(self.entry(page).body), str(self.entry(page).title)
        # `dutch` leaves ge-participles alone; kopbal reduces -eren loan verbs first.
        assert "'speler'" in title and "'transfer'" in title
        assert "getransfereerd" not in title
        assert "'modric'" in body and "'fietspad'" in body
        assert "'de'" not in body and "'en'" not in body  # stop words dropped

    def test_sqlite_stores_snowball_stems(self, article):
        from django.db import connection

        if connection.vendor != "sqlite":
            pytest.skip("the SQLite index")
        page = article("Spelers getransfereerd", lead="Modrić en de fietspaden.")
        entry = self.entry(page)
        assert entry.title == "speler transfer"
        assert entry.body == "modric fietspad"
        assert entry.autocomplete == "spelers getransfereerd"
