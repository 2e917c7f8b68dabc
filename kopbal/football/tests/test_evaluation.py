"""The tagger measured on the labelled set, through the database index editors maintain."""

from io import StringIO

from django.core.management import call_command

from kopbal.football.evaluation import evaluate, load_labelled
from kopbal.football.index import get_index


def test_labelled_set_is_well_formed(world):
    items = load_labelled()
    assert len(items) >= 150
    assert {i["split"] for i in items} == {"dev", "holdout"}
    assert sum(1 for i in items if i["source"] == "seed") == 30
    known = set(world)
    for item in items:
        assert set(item["clubs"]) | set(item["people"]) <= known, item["id"]


def test_precision_and_recall_per_entity_type(world):
    items = load_labelled()
    holdout = evaluate(get_index(), [i for i in items if i["split"] == "holdout"])
    # The holdout was written after the rules and never tuned on: it may miss, but a wrong
    # tag is worse than a missing one, so precision must stay high.
    assert holdout["clubs"].precision >= 0.95
    assert holdout["people"].precision >= 0.95
    assert holdout["clubs"].recall >= 0.85
    assert holdout["people"].recall >= 0.85
    dev = evaluate(get_index(), [i for i in items if i["split"] == "dev"])
    assert dev["clubs"].precision == dev["people"].precision == 1.0
    assert dev["clubs"].recall >= 0.98 and dev["people"].recall >= 0.98


def test_the_command_prints_precision_and_recall(world):
    out = StringIO()
    call_command("evaluate_tagger", stdout=out)
    text = out.getvalue()
    assert "(holdout)" in text and "(dev)" in text
    assert text.count("precisie") == 6 and text.count("recall") == 6
    assert "personen  precisie" in text
