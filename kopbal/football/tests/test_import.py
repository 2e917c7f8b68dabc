"""Importing the seed page tags every article with the clubs and people it names."""

from kopbal.news.importer import import_page, parse
from kopbal.news.models import ArticlePage
from kopbal.news.tests.test_import import SEED_TEXT

# Each `Meest recent` headline with the clubs it names (headline and teaser together).
LATEST_CLUBS = {
    "Vazquez wéér doeltreffend, nieuwe uitschuiver Ajax": {"ajax", "rsc-anderlecht"},
    "Nieuw bommetje bij Anderlecht: ook Still naar uitgang?": {"rsc-anderlecht"},
    "Anderlecht-fans koken: Genk bevoordeeld door VAR?": {"rsc-anderlecht", "krc-genk"},
    "Standard slikt last-minute optater voor clash op Club": {
        "standard-luik",
        "club-brugge",
        "rsc-anderlecht",
    },
    "Anderlecht-drama deint uit: sterk Genk boekt gouden zege": {"rsc-anderlecht", "krc-genk"},
    "Club-Atlético: scherpe voorwaarde voor Brugse stunt": {"club-brugge", "atletico-madrid"},
    'Cercle Brugge dolgelukkig: "Een natte droom"': {"cercle-brugge", "sporting-charleroi"},
    'Anderlecht ziet af in Genk: "Wie haalt zo\'n speler?"': {"rsc-anderlecht", "krc-genk"},
    "Zorgen om Romelu Lukaku? Antonio Conte geeft update": {"ssc-napoli", "genoa"},
    "AA Gent en OHL geven update na zeer zware botsing": {"aa-gent", "oh-leuven"},
    "Tah doet stevig boekje open over Kompany": set(),
    '"Anderlecht vertelde mij dat ik de club diende te verlaten"': {"rsc-anderlecht"},
    "Still gooit ploeg compleet door elkaar bij Anderlecht": {"rsc-anderlecht", "krc-genk"},
    "'Antwerp hakt knoop door over toekomst Praet'": {"royal-antwerp-fc"},
    "TRANSFERUURTJE: Club versus Barça, 'njet' van Kompany": {"club-brugge", "fc-barcelona"},
    "Hoe Anderlecht de verkeerde les leerde van Union SG": {"rsc-anderlecht", "union-sg"},
    "Genk én Anderlecht onder zware druk: Boeckx voorspelt": {"krc-genk", "rsc-anderlecht"},
    "Rangers lyrisch over Belg, Celtic zet landgenoot op zijspoor": {
        "rangers-fc",
        "celtic",
        "hearts",
    },
    "Westerlo doet boekje open over interesse Club en Anderlecht": {
        "kvc-westerlo",
        "club-brugge",
        "rsc-anderlecht",
    },
    "Straffe JPL-club net achter Club: miljoenenbedrag als statement": {
        "club-brugge",
        "cercle-brugge",
    },
    "Anderlecht hakt twee transferknopen door: club geeft uitleg": {"rsc-anderlecht"},
    "Brandon Mechele deelt nieuws dat Club-fans diep raakt": {"club-brugge"},
    "Zulte Waregem compleet verrast met gouden transfer": {"zulte-waregem"},
    "‘Transferbom naast het veld: Mannaert naar Anderlecht?’": {"rsc-anderlecht"},
    "Zware klap bij AA Gent: “Dit komt hard aan”": {"aa-gent", "oh-leuven"},
}


def tags(article: ArticlePage) -> tuple[set[str], set[str]]:
    clubs = {t.club.slug for t in article.club_tags.select_related("club")}
    people = {t.person.slug for t in article.person_tags.select_related("person")}
    return clubs, people


def test_importing_the_seed_tags_every_article_with_what_it_names(home, world):
    """One import (it is the slow part) and the three things it must get right."""
    imported = import_page(SEED_TEXT)

    # The Defour article: KV Mechelen, its three coaches and the clubs of Defour's career
    # that the text names, and nothing it does not speak of (`de club van mijn hart`).
    clubs, people = tags(imported.article)
    assert clubs == {
        "kv-mechelen",
        "standard-luik",
        "krc-genk",
        "royal-antwerp-fc",
        "rsc-anderlecht",
        "burnley",
        "fc-porto",
    }
    assert people == {"steven-defour", "wouter-vrancken", "danny-buijs"}

    # Each `Meest recent` headline gets the clubs it names, headline and teaser together.
    assert [item.headline for item in parse(SEED_TEXT).latest] == list(LATEST_CLUBS)
    for headline, expected in LATEST_CLUBS.items():
        assert tags(ArticlePage.objects.get(title=headline))[0] == expected, headline
    still = ArticlePage.objects.get(title="Still gooit ploeg compleet door elkaar bij Anderlecht")
    assert tags(still)[1] == {"edward-still"}

    # The tags are in the published revision, so the editor who opens the article sees them.
    revision_page = imported.article.get_latest_revision_as_object()
    assert {t.club_id for t in revision_page.club_tags.all()} == {
        t.club_id for t in imported.article.club_tags.all()
    }
