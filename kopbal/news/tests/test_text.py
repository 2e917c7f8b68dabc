import pytest

from kopbal.news.models import ArticlePage
from kopbal.news.text import make_teaser

from .factories import publish_article


@pytest.mark.parametrize(
    ("lead", "teaser"),
    [
        (
            "Bij KV Mechelen hadden ze nodige moeite om het vertrek van Wouter Vrancken op te "
            "vangen. Danny Buijs zijn passage in Mechelen was geen succes.",
            "Bij KV Mechelen hadden ze nodige moeite om het vertrek van Wouter Vrancken op te "
            "vangen.",
        ),
        (
            "Steven Defour verving hem en die wist KV Mechelen naar veilige wateren te loodsen "
            "in een moeilijk seizoen vol blessures. Wat brengt de toekomst?",
            "Steven Defour verving hem en die wist KV Mechelen naar veilige wateren te loodsen "
            "in een ...",
        ),
        ("Korte zin. Nog een zin.", "Korte zin."),
        ("Zonder punt aan het einde", "Zonder punt aan het einde"),
        ("", ""),
    ],
)
def test_teaser_is_first_sentence_cut_at_a_word(lead, teaser):
    assert make_teaser(lead) == teaser


def test_editor_teaser_wins(section):
    page = publish_article(section, title="Kop", lead="Eerste zin. Tweede.", teaser="Eigen tekst")
    assert page.teaser_text == "Eigen tekst"


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        (
            "Vazquez wéér doeltreffend, nieuwe uitschuiver Ajax",
            "vazquez-weer-doeltreffend-nieuwe-uitschuiver-ajax",
        ),
        (
            "‘Transferbom naast het veld: Mannaert naar Anderlecht?’",
            "transferbom-naast-het-veld-mannaert-naar-anderlecht",
        ),
        (
            "TRANSFERUURTJE: Club versus Barça, 'njet' van Kompany",
            "transferuurtje-club-versus-barca-njet-van-kompany",
        ),
        ("Zware klap bij AA Gent: “Dit komt hard aan”", "zware-klap-bij-aa-gent-dit-komt-hard-aan"),
    ],
)
def test_slugs_from_headlines_are_clean(section, headline, slug):
    assert publish_article(section, title=headline).slug == slug


def test_slugs_are_unique_among_siblings(section):
    first = publish_article(section, title="Anderlecht wint")
    second = publish_article(section, title="Anderlecht wint")
    assert (first.slug, second.slug) == ("anderlecht-wint", "anderlecht-wint-2")
    assert ArticlePage.objects.filter(slug__startswith="anderlecht-wint").count() == 2
