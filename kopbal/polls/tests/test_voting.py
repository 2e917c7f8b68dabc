"""Voting as readers and scripts do it: through the vote URL, with and without cookies."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kopbal.polls.choices import VoteStatus
from kopbal.polls.conf import setting
from kopbal.polls.models import Vote
from kopbal.polls.presentation import shown_token
from kopbal.polls.results import whole_percentages

from .conftest import answer
from .factories import make_poll

JSON = {"HTTP_ACCEPT": "application/json"}


def vote(client, poll, text, **extra):
    return client.post(
        f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, text), "next": "/artikel/"}, **extra
    )


def test_anonymous_vote_is_stored_without_address_and_shows_results(client, poll):
    response = vote(client, poll, "Ja", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith("/artikel/?peiling=") and location.endswith(f"#peiling-{poll.pk}")

    cookie = response.cookies[setting("KOPBAL_POLL_COOKIE")]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    row = Vote.objects.get()
    assert row.answer.text == "Ja" and row.user is None and row.status == VoteStatus.COUNTED
    assert row.voter_hash and row.address_hash
    # No raw address anywhere in the row, and the cookie's key is not stored as is.
    stored = " ".join(str(v) for v in Vote.objects.values().get().values())
    assert "203.0.113.9" not in stored
    assert cookie.value.split(":")[0] not in stored

    page = client.get(f"/peilingen/{poll.pk}/").content.decode()
    assert "100%" in page and "1 stem" in page and "jouw stem" in page
    assert 'name="answer"' not in page


def test_one_cookie_counts_once_however_often_it_votes(client, poll, settings):
    settings.KOPBAL_POLL_ATTEMPTS_PER_IP = 100  # the attempts limit takes over sooner
    assert vote(client, poll, "Ja").status_code == 303
    statuses = {vote(client, poll, "Nee", **JSON).status_code for _ in range(999)}
    assert statuses <= {409, 429} and 409 in statuses
    assert Vote.objects.count() == 1
    assert Vote.objects.get().answer.text == "Ja"


def test_again_is_answered_with_a_clear_409_and_the_results(client, poll):
    vote(client, poll, "Ja")
    response = vote(client, poll, "Nee")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Je hebt al gestemd in deze peiling" in html
    assert "100%" in html and "jouw stem" in html
    data = vote(client, poll, "Nee", **JSON).json()
    assert data["ok"] is False and "al gestemd" in data["message"] and "100%" in data["html"]


def test_a_script_without_cookies_counts_no_more_than_the_window_allows(poll, settings):
    settings.KOPBAL_POLL_ATTEMPTS_PER_IP = 100
    limit = setting("KOPBAL_POLL_NEW_VOTERS_PER_IP")
    statuses = []
    for _ in range(1000):
        # A new client each time: the script throws its cookies away.
        statuses.append(vote(Client(), poll, "Nee", REMOTE_ADDR="198.51.100.7", **JSON).status_code)
    assert Vote.objects.count() == limit
    assert statuses[:limit] == [200] * limit
    assert set(statuses[limit:]) == {429}
    refused = vote(Client(), poll, "Nee", REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "probeer" in refused.content.decode().lower()
    # Readers on another address are not affected.
    assert vote(Client(), poll, "Ja", REMOTE_ADDR="192.0.2.44").status_code == 303
    assert Vote.objects.count() == limit + 1


def test_readers_with_a_cookie_are_not_held_back_by_the_new_voter_limit(poll, settings):
    settings.KOPBAL_POLL_NEW_VOTERS_PER_IP = 1
    other = make_poll("Wie wint de beker?", answers=("Club", "Anderlecht"))
    reader = Client(REMOTE_ADDR="198.51.100.8")
    assert vote(reader, poll, "Ja").status_code == 303
    # Same address, same reader, another poll: the cookie says who it is.
    assert vote(reader, other, "Club").status_code == 303
    assert vote(Client(REMOTE_ADDR="198.51.100.8"), poll, "Nee").status_code == 429
    assert Vote.objects.count() == 2


def test_tampered_cookie_is_a_new_voter(client, poll):
    vote(client, poll, "Ja")
    name = setting("KOPBAL_POLL_COOKIE")
    client.cookies[name] = client.cookies[name].value[:-3] + "xyz"
    assert vote(client, poll, "Nee").status_code == 303
    assert Vote.objects.count() == 2


def test_answer_of_another_poll_is_refused(client, poll):
    other = make_poll("Wie wint de beker?", answers=("Club", "Anderlecht"))
    response = client.post(f"/peilingen/{poll.pk}/stem/", {"answer": answer(other, "Club")})
    assert response.status_code == 400
    assert "hoort niet bij deze peiling" in response.content.decode()
    assert not Vote.objects.exists()
    assert setting("KOPBAL_POLL_COOKIE") not in response.cookies


@pytest.mark.parametrize("raw", ["", "abc", "-1", "1.5", "9" * 40, "١٢"])
def test_malformed_answers_get_a_dutch_400(client, poll, raw):
    response = client.post(f"/peilingen/{poll.pk}/stem/", {"answer": raw})
    assert response.status_code == 400
    assert "Kies een" in response.content.decode()
    assert not Vote.objects.exists()


def test_unknown_poll_is_a_dutch_404(client, poll):
    response = client.post("/peilingen/999999/stem/", {"answer": "1"})
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()
    assert client.post("/peilingen/999999/stem/", {"answer": "1"}, **JSON).json()["ok"] is False
    assert client.get("/peilingen/999999/").status_code == 404


def test_vote_url_only_takes_posts(client, poll):
    assert client.get(f"/peilingen/{poll.pk}/stem/").status_code == 405


def test_closed_poll_refuses_and_shows_results(client, poll):
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, "Ja")
    poll.closes_at = timezone.now() - timedelta(minutes=1)
    poll.save()
    response = vote(client, poll, "Nee")
    assert response.status_code == 403
    html = response.content.decode()
    assert "gesloten" in html and "100%" in html and "1 stem" in html
    assert Vote.objects.count() == 1


def test_poll_not_yet_open_refuses_without_results(client, poll):
    poll.opens_at = timezone.now() + timedelta(hours=2)
    poll.save()
    response = vote(client, poll, "Ja")
    assert response.status_code == 403
    html = response.content.decode()
    assert "nog niet geopend" in html and "%" not in html.split('class="poll__body"')[1]
    assert not Vote.objects.exists()


def test_poll_for_accounts_only(client, poll, users):
    poll.requires_account = True
    poll.save()
    response = vote(client, poll, "Ja")
    assert response.status_code == 403
    html = response.content.decode()
    assert "moet je ingelogd zijn" in html and "/accounts/login/?next=" in html
    assert not Vote.objects.exists()

    reader = users("reader")
    client.force_login(reader)
    assert vote(client, poll, "Ja").status_code == 303
    assert vote(client, poll, "Nee").status_code == 409
    assert Vote.objects.get().user == reader


def test_with_javascript_the_answer_is_json_with_the_results(client, poll):
    vote(Client(REMOTE_ADDR="192.0.2.2"), poll, "Nee")
    response = vote(client, poll, "Ja", **JSON)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True and data["total"] == 2 and "Bedankt" in data["message"]
    assert data["html"].count('__percent">50%<') == 2 and "jouw stem" in data["html"]
    assert 'name="answer"' not in data["html"]


def test_unsafe_next_falls_back_to_the_poll_page(client, poll):
    response = client.post(
        f"/peilingen/{poll.pk}/stem/",
        {"answer": answer(poll, "Ja"), "next": "https://evil.example/"},
    )
    assert response.status_code == 303
    assert response["Location"].startswith(f"/peilingen/{poll.pk}/?peiling=")


class TestReaderState:
    """polls.js asks who this reader is for; the page HTML is the same for everyone."""

    def test_before_and_after_voting(self, client, poll):
        data = client.get("/peilingen/stand/", {"id": poll.pk, "next": "/a/"}).json()
        entry = data["polls"][str(poll.pk)]
        assert entry["voted"] is False and 'name="answer"' in entry["html"]
        assert "%" not in entry["html"] and data["csrf"]

        vote(client, poll, "Nee")
        response = client.get("/peilingen/stand/", {"id": poll.pk})
        assert "no-store" in response["Cache-Control"]
        entry = response.json()["polls"][str(poll.pk)]
        assert entry["voted"] is True and entry["choice"] == answer(poll, "Nee")
        assert "100%" in entry["html"] and "jouw stem" in entry["html"]

    def test_a_reader_who_has_not_voted_costs_no_query(
        self, client, poll, django_assert_num_queries
    ):
        """Every view of an article with a poll asks this: it must be cheap."""
        client.get("/peilingen/stand/", {"id": poll.pk})  # the poll is cached now
        with django_assert_num_queries(0):
            response = client.get("/peilingen/stand/", {"id": poll.pk})
        assert 'name="answer"' in response.json()["polls"][str(poll.pk)]["html"]

    def test_closed_poll_shows_results_to_everyone(self, client, poll):
        poll.closes_at = timezone.now() - timedelta(seconds=1)
        poll.save()
        entry = client.get("/peilingen/stand/", {"id": poll.pk}).json()["polls"][str(poll.pk)]
        assert entry["state"] == "closed" and "0 stemmen" in entry["html"]
        assert 'name="answer"' not in entry["html"]

    @pytest.mark.parametrize(
        "query", ["", "id=abc", "id=1&id=" + "9" * 30, "&".join(f"id={i}" for i in range(30))]
    )
    def test_bad_requests_get_a_400(self, client, poll, query):
        response = client.get("/peilingen/stand/?" + query)
        assert response.status_code == 400
        assert "peilingen" in response.json()["message"]

    def test_unknown_polls_are_null(self, client, poll):
        data = client.get("/peilingen/stand/", {"id": [poll.pk, 987654]}).json()
        assert data["polls"]["987654"] is None and data["polls"][str(poll.pk)]


class TestOnTheArticle:
    def test_form_and_no_results_before_voting(self, client, article_with_poll, poll):
        html = client.get(article_with_poll.url).content.decode()
        box = html.split(f'id="peiling-{poll.pk}"', 1)[1].split("</section>", 1)[0]
        assert poll.question in box
        # Cached for everyone: no reader's CSRF token in it (see kopbal.core.pagecache).
        assert box.count('name="answer"') == 2 and 'name="csrfmiddlewaretoken"' not in box
        assert "%" not in box

    def test_no_js_vote_lands_on_the_results(self, client, article_with_poll, poll):
        response = client.post(
            f"/peilingen/{poll.pk}/stem/",
            {"answer": answer(poll, "Ja"), "next": article_with_poll.url},
            follow=True,
        )
        assert response.redirect_chain[0][1] == 303
        html = response.content.decode()
        box = html.split(f'id="peiling-{poll.pk}"', 1)[1].split("</section>", 1)[0]
        assert "100%" in box and "1 stem" in box and "Bedankt" in box
        assert 'name="answer"' not in box

    def test_forged_or_foreign_token_shows_no_results(self, client, article_with_poll, poll):
        other = make_poll("Andere vraag?")
        for token in ["1:abc:def", shown_token(other)]:
            html = client.get(article_with_poll.url, {"peiling": token}).content.decode()
            box = html.split(f'id="peiling-{poll.pk}"', 1)[1].split("</section>", 1)[0]
            assert 'name="answer"' in box and "%" not in box

    def test_closed_poll_shows_results_and_no_form(
        self, client, article_with_poll, poll, django_capture_on_commit_callbacks
    ):
        vote(Client(REMOTE_ADDR="192.0.2.3"), poll, "Nee")
        with django_capture_on_commit_callbacks(execute=True):
            poll.closes_at = timezone.now() - timedelta(minutes=5)
            poll.save()
        html = client.get(article_with_poll.url).content.decode()
        box = html.split(f'id="peiling-{poll.pk}"', 1)[1].split("</section>", 1)[0]
        assert "100%" in box and "de peiling is gesloten" in box
        assert "<form" not in box

    def test_deleted_poll_renders_nothing(
        self, client, article_with_poll, poll, django_capture_on_commit_callbacks
    ):
        assert 'class="poll"' in client.get(article_with_poll.url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            poll.delete()
        response = client.get(article_with_poll.url)
        assert response.status_code == 200
        assert 'class="poll"' not in response.content.decode()

    def test_page_render_does_not_vary_per_reader(self, client, article_with_poll, poll):
        """The article HTML must stay cacheable for everyone: no session, no user."""
        vote(client, poll, "Ja")
        box = (
            client.get(article_with_poll.url)
            .content.decode()
            .split(f'id="peiling-{poll.pk}"', 1)[1]
            .split("</section>", 1)[0]
        )
        assert 'name="answer"' in box and "%" not in box


def test_one_poll_in_several_articles_shares_its_votes(client, section, poll):
    from kopbal.news.tests.factories import publish_article

    first = publish_article(section, title="Eerste", body=[("poll", poll)])
    second = publish_article(section, title="Tweede", body=[("poll", poll)])
    client.post(f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Ja"), "next": first.url})
    response = client.post(
        f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Nee"), "next": second.url}
    )
    assert response.status_code == 409  # same reader, same poll, other article
    assert Vote.objects.count() == 1


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        ([1, 1, 1], [34, 33, 33]),
        ([2, 1], [67, 33]),
        ([0, 0], [0, 0]),
        ([300, 150, 50], [60, 30, 10]),
        ([1, 1, 1, 1, 1, 1, 1], [15, 15, 14, 14, 14, 14, 14]),
    ],
)
def test_percentages_add_up_to_100(votes, expected):
    assert whole_percentages(votes) == expected
    assert sum(expected) in (0, 100)


class TestForgedPosts:
    """Cached pages carry no CSRF token: the vote must come from our own pages."""

    def test_post_from_another_site_is_refused(self, poll):
        client = Client(enforce_csrf_checks=True)
        for headers in (
            {},
            {"HTTP_ORIGIN": "https://evil.example"},
            {"HTTP_REFERER": "https://evil.example/page"},
        ):
            response = vote(client, poll, "Ja", **headers)
            assert response.status_code == 403
            assert "niet van een pagina van onze site" in response.content.decode()
        assert not Vote.objects.exists()

    def test_post_from_our_page_counts_without_a_token(self, poll):
        client = Client(enforce_csrf_checks=True)
        assert vote(client, poll, "Ja", HTTP_ORIGIN="http://testserver").status_code == 303
        assert Vote.objects.count() == 1
