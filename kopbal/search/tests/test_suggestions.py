"""Suggestions as the reader types: clubs, people and authors, accents ignored."""

import pytest
from django.apps import apps
from django.test import override_settings

from kopbal.news.models import Author


def suggest(client, q):
    return client.get("/zoeken/suggesties/", {"q": q})


def labels(response) -> list[str]:
    return [s["label"] for s in response.json()["suggestions"]]


@pytest.fixture
def authors(db):
    Author.objects.create(name="Sébastien Dewaest", slug="sebastien-dewaest")
    Author.objects.create(name="Jan Mulder", slug="jan-mulder")
    Author.objects.create(name="Janne Peeters", slug="janne-peeters")


def test_authors_by_the_start_of_any_name_accents_ignored(client, authors):
    response = suggest(client, "sebas")
    assert response.status_code == 200
    assert response.json()["suggestions"] == [
        {
            "kind": "auteur",
            "kind_label": "Auteur",
            "label": "Sébastien Dewaest",
            "matched": "",
            "url": "/auteurs/sebastien-dewaest/",
        }
    ]
    assert labels(suggest(client, "DEWA")) == ["Sébastien Dewaest"]
    # A whole name typed in order comes before a name that merely contains the words.
    assert labels(suggest(client, "jan")) == ["Jan Mulder", "Janne Peeters"]
    assert labels(suggest(client, "mulder jan")) == ["Jan Mulder"]
    assert labels(suggest(client, "xyz")) == []


def test_a_new_name_is_suggested_at_once(client, authors):
    assert labels(suggest(client, "tom")) == []
    Author.objects.create(name="Tom Boudeweel", slug="tom-boudeweel")
    assert labels(suggest(client, "tom")) == ["Tom Boudeweel"]


def test_clubs_and_people_with_their_other_names(client, authors):
    if not apps.is_installed("kopbal.football"):
        pytest.skip("kopbal.football is not installed yet")
    from kopbal.football.models import Club, Person

    Club.objects.create(
        name="KV Mechelen-suggestietest",
        slug="kv-mechelen-suggestietest",
        nicknames="Maneblussers-suggestietest",
    )
    Person.objects.create(name="Luka Modrić-suggestietest", slug="luka-modric-sug", role="player")
    found = suggest(client, "maneblussers-sugg").json()["suggestions"]
    assert [(s["label"], s["matched"], s["kind"]) for s in found] == [
        ("KV Mechelen-suggestietest", "Maneblussers-suggestietest", "club")
    ]
    assert found[0]["url"] == "/clubs/kv-mechelen-suggestietest/"
    assert labels(suggest(client, "modric-sugg")) == ["Luka Modrić-suggestietest"]


def test_short_empty_and_too_long_input(client, authors):
    assert suggest(client, "").json()["suggestions"] == []
    assert suggest(client, "  ?! ").json()["suggestions"] == []
    response = suggest(client, "x" * 201)
    assert response.status_code == 400
    assert response.json()["error"] == "Die tekst is te lang om aan te vullen."


@override_settings(KOPBAL_SUGGEST_PER_MINUTE=2)
def test_rate_limited(client, authors):
    assert suggest(client, "ja").status_code == 200
    assert suggest(client, "jan").status_code == 200
    response = suggest(client, "jan ")
    assert response.status_code == 429
    assert response.json()["error"] == "Te veel verzoeken na elkaar. Wacht even."
