"""Each kind of mention, and the ambiguous ones in both directions (tagged when meant,
untagged when not). The index is the shipped knowledge; no database."""

import pytest

from kopbal.football.tagger import ClubRecord, Index, PersonRecord, tag


def clubs(text, index):
    return set(tag(text, index).keys("club"))


def people(text, index):
    return set(tag(text, index).keys("person"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KV Mechelen wint met 2-0.", {"kv-mechelen"}),  # full name
        ("Anderlecht wint met 2-0.", {"rsc-anderlecht"}),  # short name
        ("De spits van RSCA scoorde twee keer.", {"rsc-anderlecht"}),  # abbreviation
        ("OHL blijft ongeslagen.", {"oh-leuven"}),
        ("De Maneblussers wonnen de beker.", {"kv-mechelen"}),  # nickname
        ("Paars-Wit zoekt een spits.", {"rsc-anderlecht"}),
        ("paars-wit zoekt een spits.", {"rsc-anderlecht"}),  # colours, lower case
        ("De Kemphanen verkochten hun spits.", {"kvc-westerlo"}),
        ("Anderlechts nieuwe spits scoort.", {"rsc-anderlecht"}),  # inflection -s
        ("Het Genkse bestuur reageert.", {"krc-genk"}),  # inflection -se
        ("Barça en Barca: één club.", {"fc-barcelona"}),  # accents folded
        ("Club Brugge en Cercle Brugge spelen de derby.", {"club-brugge", "cercle-brugge"}),
    ],
)
def test_club_mentions(kindex, text, expected):
    assert clubs(text, kindex) == expected


def test_words_that_triggered_a_tag_are_reported_with_their_place(kindex):
    text = "Daarnaast loodste hij de Maneblussers ook naar de bekerfinale."
    result = tag(text, kindex)
    (mechelen,) = result.clubs
    assert mechelen.words == ["Maneblussers"]
    mention = mechelen.mentions[0]
    assert text[mention.start : mention.end] == "Maneblussers"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Steven Defour verving hem.", {"steven-defour"}),
        ("Steven Defour verving hem. Defour deed het goed.", {"steven-defour"}),
        ("Steven Defours carrière als trainer.", {"steven-defour"}),  # possessive -s
        ("Kompany's Bayern wint.", {"vincent-kompany"}),  # possessive 's
        ("Buijs' passage was geen succes.", {"danny-buijs"}),  # possessive '
        ("De Mil wil met Gent naar Europa.", {"rik-de-mil"}),  # particle in the surname
        ("Luis Vazquez scoort.", {"luis-vazquez"}),  # accent folded (Vázquez)
    ],
)
def test_person_mentions(kindex, text, expected):
    assert people(text, kindex) == expected


def test_a_first_name_alone_is_no_one(kindex):
    assert people("Olivier bleef rustig; Vincent zei niets.", kindex) == set()


def test_a_surname_after_someone_elses_first_name_is_someone_else(kindex):
    assert people("Ook zijn broer Jordan Lukaku was er.", kindex) == set()
    assert people("Ook Romelu Lukaku was er.", kindex) == {"romelu-lukaku"}


class TestNamesakes:
    """A surname we know, given by the text to someone we do not (a brother, a namesake)."""

    def test_an_unknown_first_name_opening_a_headline_is_someone_else(self, kindex):
        assert people("Jordan Lukaku tekent bij Antwerp.", kindex) == set()
        assert people("Thorgan Kompany debuteert.", kindex) == set()

    def test_the_surname_alone_is_then_undecidable_in_that_text(self, kindex):
        assert people("Ook Jordan Lukaku was er. Lukaku scoorde.", kindex) == set()
        result = tag("Romelu Lukaku en zijn broer Jordan Lukaku. Lukaku scoorde.", kindex)
        (romelu,) = result.people
        assert romelu.entity.key == "romelu-lukaku" and romelu.words == ["Romelu Lukaku"]

    @pytest.mark.parametrize(
        "text",
        [
            "Volgens Lukaku is alles rond.",  # a sentence opener
            "Ook Lukaku was er.",
            "Blijft Lukaku bij Napoli?",  # a verb opening a question
            "Is Lukaku fit voor de kraker?",
            "Ontketende Lukaku scoort twee keer.",  # an adjective
            "Topschutter Lukaku wil blijven.",  # a role
            "Lukaku scoort.",
        ],
    )
    def test_a_capitalised_word_that_is_no_first_name_keeps_the_person(self, kindex, text):
        assert people(text, kindex) == {"romelu-lukaku"}


class TestClubAlone:
    def test_club_capitalised_is_club_brugge_in_belgium(self, kindex):
        assert clubs("TRANSFERUURTJE: Club versus Barça.", kindex) == {
            "club-brugge",
            "fc-barcelona",
        }
        assert clubs("Westerlo doet boekje open over interesse Club en Anderlecht.", kindex) == {
            "kvc-westerlo",
            "club-brugge",
            "rsc-anderlecht",
        }

    def test_club_the_word_is_not(self, kindex):
        assert clubs("KV Mechelen is de club van mijn hart.", kindex) == {"kv-mechelen"}
        assert clubs("Als kind van de Club is hij populair.", kindex) == set()
        assert clubs("In Mexico won Club América de titel.", kindex) == set()

    def test_club_is_only_club_brugge_where_the_site_is_belgian(self):
        index = Index(
            [ClubRecord("club-brugge", "Club Brugge", ("Club",), 1, "BE", "Brugge")],
            [],
            home_country="NL",
        )
        assert clubs("Club wint de topper.", index) == set()


class TestBruggelingen:
    def test_resolved_by_the_club_the_text_names(self, kindex):
        text = "Cercle Brugge pakte uit. De Bruggelingen willen verder versterken."
        assert clubs(text, kindex) == {"cercle-brugge"}
        text = "Club Brugge won. De Bruggelingen staan op kop."
        assert clubs(text, kindex) == {"club-brugge"}

    def test_nearest_club_before_wins_when_both_are_named(self, kindex):
        text = "Club won. Cercle Brugge haalt een spits. De Bruggelingen betalen twee miljoen."
        result = tag(text, kindex)
        (cercle,) = [s for s in result.clubs if s.entity.key == "cercle-brugge"]
        assert "Bruggelingen" in cercle.words

    def test_left_untagged_when_the_text_does_not_say(self, kindex):
        assert clubs("De Bruggelingen verloren in eigen huis.", kindex) == set()
        assert clubs("De club uit Brugge zoekt een spits.", kindex) == set()


def test_brugse_is_the_bruges_club_the_text_names_or_nothing(kindex):
    assert clubs("De Brugse aanvaller scoorde twee keer.", kindex) == set()
    result = tag("Cercle Brugge won. De Brugse aanvaller scoorde twee keer.", kindex)
    (cercle,) = result.clubs
    assert cercle.entity.key == "cercle-brugge" and "Brugse" in cercle.words
    result = tag("Club Brugge won. De Brugse aanvaller scoorde twee keer.", kindex)
    (club,) = result.clubs
    assert club.entity.key == "club-brugge" and "Brugse" in club.words
    result = tag("Club Brugge won. In de Brugse binnenstad werd gefeest.", kindex)
    assert result.clubs[0].words == ["Club Brugge"]  # the city centre, not the club


class TestStandard:
    def test_the_club(self, kindex):
        assert clubs("Standard slikt een late optater.", kindex) == {"standard-luik"}
        assert clubs("De voormalige speler van Standard, KRC Genk en Antwerp.", kindex) == {
            "standard-luik",
            "krc-genk",
            "royal-antwerp-fc",
        }

    def test_not_the_word(self, kindex):
        assert clubs("Dat is de standaard bij topclubs.", kindex) == set()
        assert clubs("Volgens De Standaard is alles rond.", kindex) == set()
        assert clubs("Een standard procedure, zei de trainer.", kindex) == set()
        assert clubs("Hij werkte voor Standard Chartered in Londen.", kindex) == set()


class TestStill:
    def test_the_coach_when_anderlecht_is_in_the_text(self, kindex):
        assert people("Nieuw bommetje bij Anderlecht: ook Still naar uitgang?", kindex) == {
            "edward-still"
        }
        assert people("Still gooit ploeg door elkaar bij Anderlecht.", kindex) == {"edward-still"}

    def test_the_coach_after_a_role_word_or_his_full_name(self, kindex):
        assert people("Interimcoach Still hield een lange training.", kindex) == {"edward-still"}
        assert people("De spelers van coach Still trainden lang.", kindex) == {"edward-still"}
        assert people("Edward Still nam over. Still wil rust.", kindex) == {"edward-still"}

    def test_not_the_adverb(self, kindex):
        assert people('"We still believe in this group", zei hij.', kindex) == set()
        assert people("Still, it was a good result, aldus de coach na Anderlecht.", kindex) == set()
        assert people("Still hield de spelers een halfuur bij zich.", kindex) == set()

    def test_not_his_brother(self, kindex):
        assert people("Will Still trainde eerder Reims.", kindex) == set()


def test_a_city_is_not_its_club(kindex):
    assert clubs("De burgemeester van Genk opent het plein.", kindex) == set()
    assert clubs("In het centrum van Leuven werd gefeest.", kindex) == set()
    assert clubs("Tijdens de Gentse Feesten is het druk.", kindex) == set()
    assert clubs("Westerlo is een gemeente in de Kempen.", kindex) == set()
    assert clubs("Op de Grote Markt van Mechelen vierden de fans.", kindex) == set()
    assert clubs("Danny Buijs zijn passage in Mechelen was geen succes.", kindex) == {"kv-mechelen"}


def test_a_name_glued_to_an_unknown_name_is_someone_else(kindex):
    assert clubs("Union Berlin en Union SG spelen.", kindex) == {"union-sg"}
    assert clubs("Inter Miami haalt een veteraan.", kindex) == set()
    assert clubs("De Queens Park Rangers zijn een Londense club.", kindex) == set()
    assert clubs("Racing Genk en Racing Mechelen.", kindex) == {"krc-genk"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij studeerde aan de KU Leuven.", set()),  # a university
        ("Hij herstelt in UZ Leuven.", set()),  # a hospital
        ("De speler ligt in het AZ Genk.", set()),
        ("KRC Mechelen promoveert naar de nationale reeksen.", set()),  # another club
        ("OH Leuven wint van KRC Genk.", {"oh-leuven", "krc-genk"}),  # the clubs themselves
        ("LIVE Genk - Anderlecht", {"krc-genk", "rsc-anderlecht"}),  # a headline label
        ("De spits van RSCA scoorde.", {"rsc-anderlecht"}),
    ],
)
def test_capitals_before_a_city_make_another_name(kindex, text, expected):
    assert clubs(text, kindex) == expected


def test_a_foreign_club_named_by_a_dutch_noun_needs_the_text_to_confirm_it(kindex):
    assert clubs("Met een lens van 400 millimeter.", kindex) == set()
    assert clubs("Edward Still was assistent bij Lens.", kindex) == {"rc-lens"}


def test_the_seed_article_names_mechelen_the_three_coaches_and_defours_clubs(kindex):
    text = (
        "Bij KV Mechelen hadden ze nodige moeite om het vertrek van Wouter Vrancken op te "
        "vangen. Danny Buijs zijn passage in Mechelen was geen succes. Steven Defour verving "
        "hem.\nDe voormalige speler van Standard, KRC Genk, Antwerp, Anderlecht, Burnley en FC "
        "Porto zal zekerheid willen. Als kind van de club is hij populair."
    )
    assert clubs(text, kindex) == {
        "kv-mechelen",
        "standard-luik",
        "krc-genk",
        "royal-antwerp-fc",
        "rsc-anderlecht",
        "burnley",
        "fc-porto",
    }
    assert people(text, kindex) == {"wouter-vrancken", "danny-buijs", "steven-defour"}


def test_a_new_alias_is_found_and_shared_aliases_are_ambiguous():
    index = Index(
        [
            ClubRecord("a", "Alpha FC", ("Alfa", "Stedelingen"), 1, "BE", "Alfastad"),
            ClubRecord("b", "Beta FC", ("Stedelingen",), 2, "BE", "Alfastad"),
        ],
        [PersonRecord("p", "Jan Peeters", clubs=("a",), pk=3)],
    )
    assert clubs("De Stedelingen wonnen.", index) == set()
    assert clubs("Alfa won. De Stedelingen staan eerste.", index) == {"a"}
    assert people("Peeters scoorde.", index) == {"p"}
