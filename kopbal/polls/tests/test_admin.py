"""Editors make polls in the Wagtail admin and can take a wave of fraud out of the count."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kopbal.polls.choices import VoteStatus
from kopbal.polls.models import Poll, Vote
from kopbal.polls.results import count_votes

from .conftest import answer

ADD = "/admin/snippets/polls/poll/add/"


def poll_form(question, answers, **fields):
    return nested_form_data(
        {
            "question": question,
            "answers": inline_formset([{"text": text} for text in answers]),
            "opens_at": "",
            "closes_at": "",
            **fields,
        }
    )


@pytest.fixture
def editor_client(client, users):
    client.force_login(users("editor"))
    return client


@pytest.mark.parametrize(
    ("answers", "ok"),
    [
        (["Ja"], False),
        (["Ja", "Nee"], True),
        ([f"Optie {i}" for i in range(8)], True),
        ([f"Optie {i}" for i in range(9)], False),
    ],
)
def test_editor_creates_a_poll_with_2_to_8_answers(editor_client, answers, ok):
    response = editor_client.post(ADD, poll_form("Wie wint de titel?", answers))
    assert (Poll.objects.count() == 1) is ok
    if ok:
        assert response.status_code == 302
        assert [a.text for a in Poll.objects.get().answer_list] == answers
    else:
        assert response.status_code == 200  # the form again, with the error


def test_closing_before_opening_is_refused(editor_client):
    now = timezone.now()
    response = editor_client.post(
        ADD,
        poll_form(
            "Wie wint?",
            ["A", "B"],
            opens_at=(now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
            closes_at=(now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 200
    assert "moet sluiten na ze opent" in response.content.decode()
    assert not Poll.objects.exists()


def test_an_answer_with_votes_cannot_be_deleted(editor_client, poll):
    Client(REMOTE_ADDR="192.0.2.5").post(
        f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Ja")}
    )
    ja, nee = poll.answer_list
    data = nested_form_data(
        {
            "question": poll.question,
            "answers": inline_formset(
                [
                    {"id": ja.pk, "text": "Ja", "DELETE": "on"},
                    {"id": nee.pk, "text": "Nee"},
                    {"text": "Misschien"},
                ],
                initial=2,
            ),
            "opens_at": "",
            "closes_at": "",
        }
    )
    response = editor_client.post(f"/admin/snippets/polls/poll/edit/{poll.pk}/", data)
    assert response.status_code == 200
    assert "al gestemd" in response.content.decode()
    assert [a.text for a in Poll.objects.get().answers.all()] == ["Ja", "Nee"]
    assert Vote.objects.count() == 1


def test_deleting_a_poll_removes_its_votes_and_its_blocks_render_nothing(poll):
    Client(REMOTE_ADDR="192.0.2.6").post(
        f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Nee")}
    )
    poll.delete()
    assert not Vote.objects.exists()


def test_listing_shows_state_and_vote_counts(editor_client, poll):
    Client(REMOTE_ADDR="192.0.2.7").post(
        f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Nee")}
    )
    html = editor_client.get("/admin/snippets/polls/poll/").content.decode()
    assert poll.question in html and "open" in html
    assert f'href="/admin/snippets/polls/poll/votes/{poll.pk}/">1</a>' in html


class TestFraud:
    @pytest.fixture
    def wave(self, poll):
        """One honest reader, then a script voting Nee from one address many times."""
        Client(REMOTE_ADDR="192.0.2.8").post(
            f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Ja")}
        )
        for _ in range(12):
            Client(REMOTE_ADDR="198.51.100.66").post(
                f"/peilingen/{poll.pk}/stem/", {"answer": answer(poll, "Nee")}
            )
        return Vote.objects.filter(answer__text="Nee").first().address_hash

    def test_editor_sees_the_wave_and_discards_it(self, editor_client, poll, wave, users):
        url = f"/admin/snippets/polls/poll/votes/{poll.pk}/"
        html = editor_client.get(url).content.decode()
        assert wave in html and "13 getelde stemmen" in html
        assert "198.51.100.66" not in html  # only the salted hash exists

        response = editor_client.post(
            url, {"action": "discard", "address_hash": wave, "reason": "script vanaf één adres"}
        )
        assert response.status_code == 302
        assert count_votes(poll.pk) == {answer(poll, "Ja"): 1}
        assert Vote.objects.filter(status=VoteStatus.DISCARDED).count() == 12
        entry = ModelLogEntry.objects.get(action="kopbal_polls.discard")
        assert entry.user == users("editor") and entry.data["votes"] == 12
        assert entry.data["reason"] == "script vanaf één adres"
        # Undone as easily, and logged as well.
        editor_client.post(
            url, {"action": "restore", "address_hash": wave, "reason": "toch echte lezers"}
        )
        assert count_votes(poll.pk)[answer(poll, "Nee")] == 12
        assert ModelLogEntry.objects.filter(action="kopbal_polls.restore").count() == 1

    def test_selection_is_required(self, editor_client, poll, wave):
        url = f"/admin/snippets/polls/poll/votes/{poll.pk}/"
        response = editor_client.post(url, {"action": "discard", "reason": "alles?"})
        assert response.status_code == 400
        assert "Kies een adres, een periode of allebei" in response.content.decode()
        assert not Vote.objects.filter(status=VoteStatus.DISCARDED).exists()

    def test_readers_never_reach_it(self, client, poll, wave, users):
        client.force_login(users("reader"))
        url = f"/admin/snippets/polls/poll/votes/{poll.pk}/"
        assert client.get(url).status_code in (302, 403)
        client.post(url, {"action": "discard", "address_hash": wave, "reason": "x"})
        assert not Vote.objects.filter(status=VoteStatus.DISCARDED).exists()


def test_an_edited_poll_shows_at_once_on_cached_pages(
    editor_client, article_with_poll, poll, django_capture_on_commit_callbacks
):
    reader = Client()
    assert poll.question in reader.get(article_with_poll.url).content.decode()  # now cached
    ja, nee = poll.answer_list
    data = nested_form_data(
        {
            "question": "Blijft Defour trainer van KV Mechelen?",
            "answers": inline_formset(
                [{"id": ja.pk, "text": "Ja, zeker"}, {"id": nee.pk, "text": "Nee"}], initial=2
            ),
            "opens_at": "",
            "closes_at": "",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/snippets/polls/poll/edit/{poll.pk}/", data)
    assert response.status_code == 302
    html = reader.get(article_with_poll.url).content.decode()
    assert "Blijft Defour trainer van KV Mechelen?" in html and ">Ja, zeker</button>" in html
