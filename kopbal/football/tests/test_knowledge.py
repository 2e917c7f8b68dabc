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


def test_still_and_renard_left_anderlecht(db):
    """Migration 0005 moves them as 0002 shipped them, and leaves an editor's change alone."""
    from importlib import import_module

    from django.apps import apps

    fix = import_module("kopbal.football.migrations.0005_still_and_renard_leave_anderlecht")
    knowledge.load_into_db()
    anderlecht = Club.objects.get(slug="rsc-anderlecht")
    still = Person.objects.get(slug="edward-still")
    renard = Person.objects.get(slug="olivier-renard")
    assert still.current_club.slug == "watford" and renard.current_club is None
    # As 0002 shipped them before: at Anderlecht, open-ended, no Watford.
    CareerSpell.objects.filter(person=still, club__slug="watford").delete()
    CareerSpell.objects.filter(person__in=[still, renard], club=anderlecht).update(to_year=None)
    Person.objects.filter(pk__in=[still.pk, renard.pk]).update(current_club=anderlecht)
    fix.forwards(apps, None)
    still.refresh_from_db()
    renard.refresh_from_db()
    assert still.current_club.slug == "watford" and renard.current_club is None
    assert [(s.club.slug, s.from_year, s.to_year) for s in still.career.all()][-2:] == [
        ("rsc-anderlecht", 2026, 2026),
        ("watford", 2026, None),
    ]
    assert [s.to_year for s in renard.career.all()] == [2026]
    fix.forwards(apps, None)  # twice: nothing more
    assert CareerSpell.objects.filter(person=still, club__slug="watford").count() == 1
    # An editor who already moved Renard elsewhere keeps his choice.
    Person.objects.filter(pk=renard.pk).update(current_club=anderlecht)
    Person.objects.filter(pk=still.pk).update(current_club=Club.objects.get(slug="rc-lens"))
    fix.forwards(apps, None)
    still.refresh_from_db()
    assert still.current_club.slug == "rc-lens"
