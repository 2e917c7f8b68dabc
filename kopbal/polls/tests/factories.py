"""Polls for tests, made as an editor makes them: a question and its answers in one save."""

from __future__ import annotations

from kopbal.polls.models import Answer, Poll


def make_poll(
    question: str = "Wordt Club Brugge kampioen?", answers=("Ja", "Nee"), **fields
) -> Poll:
    poll = Poll(question=question, **fields)
    poll.answers = [Answer(text=text) for text in answers]
    poll.save()
    return Poll.objects.with_answers().get(pk=poll.pk)
