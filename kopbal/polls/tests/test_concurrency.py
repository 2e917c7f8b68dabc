"""Votes arriving at once, on the real PostgreSQL: every voter once, no vote lost."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import Client, RequestFactory

from kopbal.polls.conf import setting
from kopbal.polls.models import Vote
from kopbal.polls.results import count_votes, results_for
from kopbal.polls.voters import new_voter_key, set_voter_cookie

from .factories import make_poll

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 40


def run_at_once(jobs):
    """Run every job in its own request on one of THREADS threads, all released together."""
    start = threading.Event()

    def run(job):
        start.wait()
        try:
            return job()
        finally:
            connections.close_all()  # this thread's connection only

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        start.set()
        return [f.result() for f in futures]


def test_500_voters_at_once_give_500_rows_and_the_right_percentages():
    poll = make_poll("Wie wordt kampioen?", answers=("Club", "Union", "Anderlecht"))
    club, union, anderlecht = (a.pk for a in poll.answer_list)
    choices = [club] * 250 + [union] * 150 + [anderlecht] * 100

    def voter(i, answer_id):
        def vote():
            client = Client(REMOTE_ADDR=f"10.0.{i // 200}.{i % 200 + 1}")
            return client.post(
                f"/peilingen/{poll.pk}/stem/", {"answer": answer_id}, HTTP_ACCEPT="application/json"
            ).status_code

        return vote

    statuses = run_at_once([voter(i, a) for i, a in enumerate(choices)])
    assert statuses == [200] * 500
    assert Vote.objects.filter(poll=poll).count() == 500
    results = results_for(poll, count_votes(poll.pk))
    assert results.total == 500
    assert [(a.text, a.votes, a.percent) for a in results.answers] == [
        ("Club", 250, 50),
        ("Union", 150, 30),
        ("Anderlecht", 100, 20),
    ]
    # A reader who voted sees the same through the page's JSON endpoint.
    reader = Client(REMOTE_ADDR="10.9.9.9")
    reader.post(f"/peilingen/{poll.pk}/stem/", {"answer": club})
    entry = reader.get("/peilingen/stand/", {"id": poll.pk}).json()["polls"][str(poll.pk)]
    assert "501 stemmen" in entry["html"] and '__percent">50%<' in entry["html"]


def test_double_clicks_racing_each_other_count_once():
    poll = make_poll()
    yes = poll.answer_list[0].pk
    cookie_name = setting("KOPBAL_POLL_COOKIE")
    cookies = []
    for _ in range(50):
        response = HttpResponse()
        set_voter_cookie(RequestFactory().get("/"), response, new_voter_key())
        cookies.append(response.cookies[cookie_name].value)

    def click(i, cookie):
        def vote():
            client = Client(REMOTE_ADDR=f"10.1.0.{i + 1}")
            client.cookies[cookie_name] = cookie
            return client.post(
                f"/peilingen/{poll.pk}/stem/", {"answer": yes}, HTTP_ACCEPT="application/json"
            ).status_code

        return vote

    statuses = run_at_once([click(i, c) for i, c in enumerate(cookies) for _ in range(4)])
    assert statuses.count(200) == 50 and statuses.count(409) == 150
    assert Vote.objects.filter(poll=poll).count() == 50
