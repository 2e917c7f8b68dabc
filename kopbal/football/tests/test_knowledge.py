"""What kopbal ships about the football world (knowledge.py, loaded by migration 0002)."""

from kopbal.football import knowledge
from kopbal.football.models import CareerSpell, Club, Person

JPL_2025_26 = {
    "club-brugge",
    "union-sg",
    "rsc-anderlecht",
    "krc-genk",
    "aa-gent",
    "royal-antwerp-fc",
    "standard-luik",
    "kv-mechelen",
    "sporting-charleroi",
    "oh-leuven",
    "kvc-westerlo",
    "cercle-brugge",
    "sint-truidense-vv",
    "fcv-dender-eh",
    "zulte-waregem",
    "raal-la-louviere",
}
# Everyone the seed page names, with the role it gives them.
SEED_PEOPLE = {
    "steven-defour": "coach",
    "wouter-vrancken": "coach",
    "danny-buijs": "coach",
    "besnik-hasi": "coach",
    "edward-still": "coach",
    "rik-de-mil": "coach",
    "vincent-kompany": "coach",
    "antonio-conte": "coach",
    "olivier-renard": "director",
    "vincent-mannaert": "director",
    "luis-vazquez": "player",
    "romelu-lukaku": "player",
    "jonathan-tah": "player",
    "dennis-praet": "player",
    "brandon-mechele": "player",
    "frank-boeckx": "analyst",
    "gert-verheyen": "analyst",
}
SEED_FOREIGN_CLUBS = {
    "ajax",
    "ssc-napoli",
    "genoa",
    "atletico-madrid",
    "fc-barcelona",
    "rangers-fc",
    "celtic",
    "hearts",
    "burnley",
    "fc-porto",
    "bayern-munchen",
}


def test_the_16_clubs_of_the_2025_26_jupiler_pro_league():
    jpl = {c["slug"] for c in knowledge.CLUBS if c["league"] == "jupiler-pro-league"}
    assert jpl == JPL_2025_26
    by_slug = {c["slug"]: c for c in knowledge.CLUBS}
    assert "Maneblussers" in by_slug["kv-mechelen"]["nicknames"]
    assert "KVM" in by_slug["kv-mechelen"]["abbreviations"]
    assert "Paars-Wit" in by_slug["rsc-anderlecht"]["nicknames"]
    assert "RSCA" in by_slug["rsc-anderlecht"]["abbreviations"]
    assert "Kemphanen" in by_slug["kvc-westerlo"]["nicknames"]
    assert by_slug["oh-leuven"]["short_name"] == "OHL"
    assert by_slug["club-brugge"]["short_name"] == "Club"
    # `Bruggelingen` is both Bruges clubs: the tagger needs the text to say which.
    assert "Bruggelingen" in by_slug["club-brugge"]["nicknames"]
    assert "Bruggelingen" in by_slug["cercle-brugge"]["nicknames"]


def test_the_competitions_the_issue_names():
    names = {c["name"] for c in knowledge.COMPETITIONS}
    assert {
        "Jupiler Pro League",
        "Challenger Pro League",
        "Beker van België",
        "UEFA Champions League",
        "UEFA Europa League",
        "UEFA Conference League",
    } <= names


def test_the_people_and_foreign_clubs_of_the_seed_with_their_roles():
    roles = {p["slug"]: p["role"] for p in knowledge.PEOPLE}
    assert {slug: roles.get(slug) for slug in SEED_PEOPLE} == SEED_PEOPLE
    foreign = {c["slug"] for c in knowledge.CLUBS if c["country"] != "BE"}
    assert not SEED_FOREIGN_CLUBS - foreign


def test_every_coach_of_the_seed_has_a_career_as_coach():
    for person in knowledge.PEOPLE:
        if person["role"] == "coach":
            coached = [s for s in person["career"] if s["role"] in ("coach", "assistant")]
            assert coached, person["slug"]
    defour = next(p for p in knowledge.PEOPLE if p["slug"] == "steven-defour")
    played = {s["club"] for s in defour["career"] if s["role"] == "player"}
    assert {
        "standard-luik",
        "krc-genk",
        "royal-antwerp-fc",
        "rsc-anderlecht",
        "burnley",
        "fc-porto",
    } <= played
    assert [s["club"] for s in defour["career"] if s["role"] == "coach"] == ["kv-mechelen"]


def test_loading_again_restores_what_is_missing_and_keeps_what_editors_changed(db):
    knowledge.load_into_db()
    kvm = Club.objects.get(slug="kv-mechelen")
    kvm.nicknames = "Maneblussers\nGeel-Rood"
    kvm.save()
    Person.objects.filter(slug="danny-buijs").delete()
    created = knowledge.load_into_db()
    assert created == {"competitions": 0, "clubs": 0, "people": 1}
    assert Club.objects.get(slug="kv-mechelen").nicknames == "Maneblussers\nGeel-Rood"
    buijs = Person.objects.get(slug="danny-buijs")
    assert [s.club.slug for s in CareerSpell.objects.filter(person=buijs)] == [
        "fc-groningen",
        "kv-mechelen",
    ]


def test_la_louviere_plays_in_its_new_stadium(db):
    """Migration 0004 corrects the stadium 0002 shipped, unless an editor got there first."""
    from importlib import import_module

    from django.apps import apps

    fix = import_module("kopbal.football.migrations.0004_raal_stadium").forwards
    knowledge.load_into_db()
    raal = Club.objects.get(slug="raal-la-louviere")
    assert raal.stadium == "Easi Arena"
    Club.objects.filter(pk=raal.pk).update(stadium="Stade du Tivoli")
    fix(apps, None)
    raal.refresh_from_db()
    assert raal.stadium == "Easi Arena"
    Club.objects.filter(pk=raal.pk).update(stadium="Easi Arena (kunstgras)")
    fix(apps, None)
    raal.refresh_from_db()
    assert raal.stadium == "Easi Arena (kunstgras)"
