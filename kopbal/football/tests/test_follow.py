"""Readers follow clubs and read them together in `Mijn clubs`."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone

from kopbal.football.models import ClubFollow

from .test_pages import tagged


@pytest.fixture
def reader(client, users):
    user = users("reader")
    client.force_login(user)
    return user


def test_reader_follows_and_unfollows_a_club_from_its_page(client, world, reader):
    response = client.post("/clubs/kv-mechelen/volgen/", {"next": "/clubs/kv-mechelen/"})
    assert response.status_code == 302 and response["Location"] == "/clubs/kv-mechelen/"
    html = client.get("/clubs/kv-mechelen/").content.decode()
    assert "Je volgt nu KV Mechelen." in html
    assert 'action="/clubs/kv-mechelen/niet-meer-volgen/"' in html
    client.post("/clubs/kv-mechelen/volgen/")  # twice: still one follow
    assert ClubFollow.objects.filter(user=reader).count() == 1
    client.post("/clubs/kv-mechelen/niet-meer-volgen/")
    assert not ClubFollow.objects.filter(user=reader).exists()
    html = client.get("/clubs/kv-mechelen/").content.decode()
    assert "Je volgt KV Mechelen niet meer." in html
    assert 'action="/clubs/kv-mechelen/volgen/"' in html


def test_anonymous_reader_is_sent_to_log_in_and_nothing_is_stored(client, world):
    response = client.post("/clubs/kv-mechelen/volgen/")
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert "next=/clubs/kv-mechelen/" in response["Location"]
    assert not ClubFollow.objects.exists()
    assert client.get("/mijn-clubs/")["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_bad_requests_get_a_dutch_answer(client, world, reader):
    response = client.get("/clubs/kv-mechelen/volgen/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "Gebruik de knop" in response.content.decode()
    assert client.post("/clubs/bestaat-niet/volgen/").status_code == 404
    # A `next` to another site is ignored: back to the club page.
    response = client.post("/clubs/kv-mechelen/volgen/", {"next": "https://example.org/"})
    assert response["Location"] == "/clubs/kv-mechelen/"
    assert not ClubFollow.objects.filter(club__slug="bestaat-niet").exists()


def test_following_too_fast_is_limited_with_a_dutch_429(client, world, reader):
    """60 clicks a minute per reader (kopbal.core.ratelimit counts in fixed one-minute
    windows): the clock stands still at the start of a window, so all 61 clicks fall in it
    however slow the machine is."""
    window = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(window, tick=False):
        for _ in range(30):
            client.post("/clubs/kv-mechelen/volgen/")
            client.post("/clubs/kv-mechelen/niet-meer-volgen/")
        response = client.post("/clubs/kv-mechelen/volgen/")
        assert response.status_code == 429
        assert "te snel" in response.content.decode()
        assert response["Retry-After"] == "60"
        assert not ClubFollow.objects.exists()  # the limited request changed nothing
    with time_machine.travel(window + timedelta(seconds=59), tick=False):
        assert client.post("/clubs/kv-mechelen/volgen/").status_code == 429  # same minute
    with time_machine.travel(window + timedelta(seconds=60), tick=False):
        assert client.post("/clubs/kv-mechelen/volgen/").status_code == 302  # the next one
    assert ClubFollow.objects.filter(user=reader, club__slug="kv-mechelen").exists()


def test_my_clubs_lists_articles_of_followed_clubs_once_each(
    client, section, world, reader, django_assert_max_num_queries
):
    kvm, genk, gent = world["kv-mechelen"], world["krc-genk"], world["aa-gent"]
    both = tagged(section, "Mechelen en Genk delen de punten", clubs=[kvm, genk], minutes_ago=2)
    only_kvm = tagged(section, "Malinwa haalt een spits", clubs=[kvm], minutes_ago=3)
    other = tagged(section, "Gent wint", clubs=[gent], minutes_ago=1)
    ClubFollow.objects.create(user=reader, club=kvm)
    ClubFollow.objects.create(user=reader, club=genk)
    client.get("/mijn-clubs/")
    with django_assert_max_num_queries(15):
        html = client.get("/mijn-clubs/").content.decode()
    assert html.count(f">{both.title}</a>") == 1
    assert html.index(both.title) < html.index(only_kvm.title)
    assert other.title not in html
    assert "KV Mechelen" in html and "KRC Genk" in html


def test_my_clubs_without_follows_proposes_the_jpl_clubs(client, world, reader):
    html = client.get("/mijn-clubs/").content.decode()
    assert "Je volgt nog geen clubs" in html
    assert html.count('action="/clubs/') == 16
    client.post("/clubs/aa-gent/volgen/", {"next": "/mijn-clubs/"})
    html = client.get("/mijn-clubs/").content.decode()
    assert "Je volgt nu AA Gent." in html and 'action="/clubs/aa-gent/niet-meer-volgen/"' in html
