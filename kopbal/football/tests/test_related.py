"""`Lees ook` proposals weigh shared clubs and people, how alike the texts are and how recent
the candidates are (kopbal.football.related)."""

from kopbal.football.related import suggest_related

from .test_pages import tagged

DAY = 24 * 60  # minutes


def titles(candidates):
    return [c.article.title for c in candidates]


def test_a_similar_text_is_proposed_without_a_shared_tag(section, world):
    alike = tagged(
        section,
        "Strafschoppen beslissen de bekerfinale in het Koning Boudewijnstadion",
        lead="Na verlengingen moest de bekerfinale beslist worden met strafschoppen.",
        minutes_ago=3 * DAY,
    )
    tagged(section, "Nieuwe hoofdsponsor voor de vrouwenploeg", minutes_ago=10)
    text = "Bekerfinale na strafschoppen: de doelman stopt er drie in het Boudewijnstadion"
    (proposal,) = suggest_related(text, [], [])
    assert proposal.article.pk == alike.pk
    assert proposal.similarity >= 0.2 and not proposal.shared_clubs


def test_a_fresh_article_beats_an_old_one_that_is_a_little_more_alike(section, world):
    genk = world["krc-genk"]
    # Same club; the old headline shares two words with ours, the fresh one a single word.
    old = tagged(section, "Genk trekt keeper aan", clubs=[genk], minutes_ago=60 * DAY)
    new = tagged(section, "Genk verlengt kapitein", clubs=[genk], minutes_ago=60)
    proposals = suggest_related("Genk trekt verdediger aan", [genk.pk], [])
    assert titles(proposals) == [new.title, old.title]
    assert proposals[0].similarity < proposals[1].similarity


def test_a_shared_person_outweighs_a_shared_club(section, world):
    kvm, defour = world["kv-mechelen"], world["steven-defour"]
    tagged(section, "Mechelen zoekt een spits", clubs=[kvm], minutes_ago=60)
    tagged(section, "Een nieuwe uitdaging lonkt", people=[defour], minutes_ago=120)
    proposals = suggest_related("Trainer blijft", [kvm.pk], [defour.pk])
    assert titles(proposals) == ["Een nieuwe uitdaging lonkt", "Mechelen zoekt een spits"]
