"""What readers see: the window page and its filters, a transfer's page with its history and
feeds, and the club page's window with the official fees summed."""

import feedparser
import pytest

from kopbal.transfers.actions import Step, do_change_status
from kopbal.transfers.choices import Kind, Status

from . import factories as f


@pytest.fixture
def window(world, users):
    """Winter 2027: Praet official Antwerp → Genk (official fee), Vazquez agreed Anderlecht →
    Antwerp (fee per HLN), a loan official Genk → Anderlecht with an official fee, one deal
    off."""
    editor = users("editor")
    w = world
    w.praet_move = f.transfer(
        w.praet,
        w.antwerp,
        w.genk,
        status=Status.OFFICIAL,
        source=w.hln,
        user=editor,
        fee=4_500_000,
        fee_official=True,
    )
    w.vazquez_move = f.transfer(
        w.vazquez,
        w.anderlecht,
        w.antwerp,
        status=Status.AGREED,
        source=w.hln,
        fee=2_000_000,
        fee_medium=w.hln,
    )
    w.loan = f.transfer(
        f.person("loaner", "Jan Huur"),
        w.genk,
        w.antwerp,
        kind=Kind.LOAN,
        status=Status.OFFICIAL,
        fee=500_000,
        fee_official=True,
    )
    w.off = f.transfer(f.person("ketser", "Piet Af"), w.antwerp, w.anderlecht, status=Status.OFF)
    w.summer = f.transfer(
        f.person("zomer", "Zomer Speler"),
        w.genk,
        w.antwerp,
        window={"window_year": 2026, "window_season": "zomer"},
    )
    return w


def players(html: str) -> set[str]:
    names = {"Jonas Vermeulen", "Luca Verhoeven", "Jan Huur", "Piet Af", "Zomer Speler"}
    return {n for n in names if f">{n}</a></th>" in html}


def test_window_page_lists_the_windows_transfers(client, window):
    response = client.get("/transferperiode/2027/winter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert players(html) == {"Jonas Vermeulen", "Luca Verhoeven", "Jan Huur", "Piet Af"}
    assert "4,5 miljoen euro" in html and "(officieel)" in html
    assert "2 miljoen euro" in html and "(volgens Het Laatste Nieuws)" in html
    assert 'href="/transferperiode/2026/zomer/"' in html  # the other window


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?club=t-genk", {"Jonas Vermeulen", "Jan Huur"}),
        ("?status=officieel", {"Jonas Vermeulen", "Jan Huur"}),
        ("?soort=huur", {"Jan Huur"}),
        ("?club=t-antwerp&status=akkoord", {"Luca Verhoeven"}),
        ("?club=t-anderlecht&status=afgeketst&soort=definitief", {"Piet Af"}),
        ("?status=gerucht", set()),
    ],
)
def test_window_filters(client, window, query, expected):
    response = client.get("/transferperiode/2027/winter/" + query)
    assert response.status_code == 200
    assert players(response.content.decode()) == expected


def test_pages_of_a_filtered_window_keep_the_filter(client, window, settings):
    settings.KOPBAL_TRANSFERS_PAGE_SIZE = 1
    first = client.get("/transferperiode/2027/winter/?status=officieel").content.decode()
    assert 'href="?status=officieel&amp;pagina=2"' in first
    second = client.get("/transferperiode/2027/winter/?status=officieel&pagina=2")
    assert players(second.content.decode()) | players(first) == {"Jonas Vermeulen", "Jan Huur"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?club=bestaat-niet", "Deze club kennen we niet."),
        ("?status=misschien", "Deze status bestaat niet."),
        ("?soort=ruil", "Deze soort transfer bestaat niet."),
    ],
)
def test_bad_filters_get_a_dutch_400(client, window, query, message):
    response = client.get("/transferperiode/2027/winter/" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert players(html) == set()


@pytest.mark.parametrize("path", ["/transferperiode/2027/lente/", "/transferperiode/3000/zomer/"])
def test_unknown_window_is_404(client, db, path):
    assert client.get(path).status_code == 404


def test_transfer_page_shows_its_history_with_sources(client, window, users):
    t = window.vazquez_move
    do_change_status(
        t,
        Step(status=Status.OFF, medium=window.gossip, note="Anderlecht vraagt te veel."),
        user=users("editor"),
    )
    response = client.get(t.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    history = html.split('id="geschiedenis"', 1)[1]
    steps = ["Afgeketst", "Akkoord", "In onderhandeling", "Gerucht"]
    positions = [history.index(f">{s.lower()}</span>") for s in steps]
    assert positions == sorted(positions)  # newest first
    assert "Volgens Roddelblad (onbetrouwbaar)" in history
    assert "Volgens Het Laatste Nieuws (betrouwbaar)" in history
    assert "Anderlecht vraagt te veel." in history
    # A wrong slug is corrected with a permanent redirect.
    wrong = client.get(f"/transfer/{t.pk}-iets-anders/")
    assert wrong.status_code == 301 and wrong["Location"] == t.get_absolute_url()


def test_transfer_feeds_parse_and_follow_the_status_changes(client, window):
    t = window.praet_move
    rss = client.get(f"/transfer/{t.pk}-{t.slug}/rss/")
    atom = client.get(f"/transfer/{t.pk}-{t.slug}/atom/")
    for response in (rss, atom):
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        titles = [e.title for e in feed.entries]
        assert titles == [
            "Jonas Vermeulen (Havenstad FC → Mijnstreek VV): officieel",
            "Jonas Vermeulen (Havenstad FC → Mijnstreek VV): akkoord",
            "Jonas Vermeulen (Havenstad FC → Mijnstreek VV): in onderhandeling",
            "Jonas Vermeulen (Havenstad FC → Mijnstreek VV): gerucht",
        ]
    all_steps = feedparser.parse(client.get("/transferperiode/rss/").content)
    assert all_steps.bozo == 0
    assert len(all_steps.entries) == sum(
        tr.events.count()
        for tr in (window.praet_move, window.vazquez_move, window.loan, window.off, window.summer)
    )


def test_club_page_sums_only_official_fees(client, window):
    import time_machine

    with time_machine.travel("2027-01-20 12:00 +01:00"):
        html = client.get(window.antwerp.get_absolute_url()).content.decode()
    box = html.split('id="club-transfers-titel"', 1)[1].split("</section>", 1)[0]
    assert "Transfers Winter 2027" in box
    arrivals, departures = box.split("Vertrekken", 1)
    assert "Luca Verhoeven" in arrivals and "Jan Huur" in arrivals
    assert "Jonas Vermeulen" not in arrivals
    # Arrivals: the official loan fee only (Vazquez's 2 million is only agreed, per HLN).
    assert "Officieel betaald: 500.000 euro" in arrivals
    # Departures: Praet's official 4,5 million; the deal that fell through does not count.
    assert "Jonas Vermeulen" in departures and "Piet Af" in departures
    assert "Officieel ontvangen: 4,5 miljoen euro" in departures


def test_person_page_lists_their_transfers(client, window):
    html = client.get(window.praet.get_absolute_url()).content.decode()
    box = html.split('id="persoon-transfers"', 1)[1].split("</section>", 1)[0]
    assert window.praet_move.get_absolute_url() in box
    assert "Havenstad FC → Mijnstreek VV" in box and "4,5 miljoen euro (officieel)" in box
    assert "transfer-status--officieel" in box


def test_club_without_transfers_in_the_window_shows_its_latest_window(client, window):
    import time_machine

    club = f.club("cercle", "Cercle Brugge")
    with time_machine.travel("2027-01-20 12:00 +01:00"):
        assert "club-transfers-titel" not in client.get(club.get_absolute_url()).content.decode()
    with time_machine.travel("2027-07-01 12:00 +02:00"):
        html = client.get(window.genk.get_absolute_url()).content.decode()
    assert "Transfers Winter 2027" in html  # nothing yet in summer 2027: the last window


def test_cached_pages_follow_a_status_change(window, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from kopbal.core.tests.wsgi_client import wsgi_get

    def status_shown(url: str) -> str:
        html = wsgi_get(url).text
        if "transfer__status" in html:  # the transfer's own page
            part = html.split('class="transfer__status"', 1)[1]
        else:  # its row on the window page
            part = html.split(">Luca Verhoeven</a></th>", 1)[1].split("</tr>", 1)[0]
        return part.split("transfer-status--", 1)[1].split('"', 1)[0]

    cache.clear()
    t = window.vazquez_move
    urls = (t.get_absolute_url(), "/transferperiode/2027/winter/")
    for url in urls:
        assert status_shown(url) == "akkoord"
        assert wsgi_get(url).headers.get("x-kopbal-cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        do_change_status(t, Step(status=Status.OFFICIAL), user=None)
    for url in urls:
        assert status_shown(url) == "officieel"
    cache.clear()
