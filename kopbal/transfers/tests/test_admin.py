"""Editors keep transfers in the admin: create one with its first report, move it on, work
from an article (with the tagger's suggestions) and link the seed's transfer articles."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kopbal.football.models import Person
from kopbal.news.models import ArticlePage
from kopbal.transfers.choices import Status
from kopbal.transfers.models import Transfer, TransferEvent

from . import factories as f

ADD = "/admin/snippets/transfers/transfer/add/"


@pytest.fixture
def editor_client(client, users):
    client.force_login(users("editor"))
    return client


def create_data(world, **overrides) -> dict:
    data = {
        "player": world.praet.pk,
        "from_club": world.antwerp.pk,
        "to_club": world.genk.pk,
        "kind": "definitief",
        "fee_amount": "",
        "fee_max": "",
        "fee_currency": "EUR",
        "fee_medium": "",
        "window_season": "winter",
        "window_year": "2027",
        "initial_status": "gerucht",
        "medium": world.hln.pk,
        "note": "Genk is geïnteresseerd.",
        "at": "",
        "source_article": "",
        "source_entry": "",
        "article_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_a_transfer_with_its_first_report(editor_client, world):
    response = editor_client.post(ADD, create_data(world))
    assert response.status_code == 302, response.content.decode()[-3000:]
    transfer = Transfer.objects.get()
    assert (transfer.player, transfer.status) == (world.praet, Status.RUMOUR)
    event = transfer.events.get()
    assert (event.medium, event.note) == (world.hln, "Genk is geïnteresseerd.")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"player": "999999"}, "Deze speler kennen we niet."),
        ({"to_club": "antwerp"}, "niet van een club naar dezelfde club"),
        ({"fee_amount": "-5", "fee_medium": "hln"}, "niet negatief"),
        ({"to_club": "", "initial_status": "officieel"}, "nieuwe club"),
    ],
)
def test_bad_transfers_get_form_errors_and_nothing_is_saved(
    editor_client, world, overrides, message
):
    values = {
        k: (getattr(world, v).pk if v in ("antwerp", "hln") else v) for k, v in overrides.items()
    }
    response = editor_client.post(ADD, create_data(world, **values))
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert Transfer.objects.count() == 0 and TransferEvent.objects.count() == 0


def test_status_form_refuses_undoing_official_without_reason(editor_client, world):
    t = f.transfer(world.praet, world.antwerp, world.genk, status=Status.OFFICIAL)
    url = f"/admin/snippets/transfers/transfer/status/{t.pk}/"
    response = editor_client.post(url, {"status": "afgeketst", "medium": "", "note": ""})
    assert response.status_code == 400
    assert "Een officiële transfer terugdraaien kan alleen met een reden" in (
        response.content.decode()
    )
    t.refresh_from_db()
    assert t.status == Status.OFFICIAL

    response = editor_client.post(
        url, {"status": "afgeketst", "reason": "Medische keuring mislukt."}
    )
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.status == Status.OFF
    assert t.events.latest("at").reason == "Medische keuring mislukt."


def test_readers_and_anonymous_cannot_touch_transfers(client, users, world):
    t = f.transfer(world.praet, world.antwerp, world.genk)
    client.force_login(users("reader"))
    response = client.post(
        f"/admin/snippets/transfers/transfer/status/{t.pk}/", {"status": "akkoord"}
    )
    assert response.status_code in (302, 403)
    assert Transfer.objects.get(pk=t.pk).status == Status.RUMOUR


SEED = Path(__file__).resolve().parents[3] / "kopbal" / "news" / "demo" / "seed.txt"


def import_transfer_items(tmp_path) -> list[ArticlePage]:
    """The seed's article with only its `Meest recent` items about transfers, through the
    import command (the full seed takes seconds we need not spend)."""
    text = SEED.read_text(encoding="utf-8")
    head, rest = text.split("Meest recent", 1)
    block, tail = rest.split("Meer sportnieuws", 1)
    lines = [line for line in block.splitlines() if line.strip()]
    items = [lines[i : i + 4] for i in range(0, len(lines), 4)]
    keep = [it for it in items if re.search(r"transfer|Praet", it[0] + it[1], re.I)]
    assert len(keep) >= 4
    block = "\n".join("\n".join(it) + "\n" for it in keep)
    path = tmp_path / "seed.txt"
    path.write_text(f"{head}Meest recent\n\n{block}\nMeer sportnieuws{tail}", encoding="utf-8")
    call_command("import_page", str(path), verbosity=0)
    return [ArticlePage.objects.get(title=it[0].strip()) for it in keep]


def test_seed_transfer_items_are_linked_in_the_admin_and_listed(
    editor_client, client, world, home, tmp_path
):
    articles = import_transfer_items(tmp_path)
    praet_article = next(a for a in articles if "Praet" in a.title)
    roundup = next(a for a in articles if a.title.startswith("TRANSFERUURTJE"))
    t = f.transfer(world.praet, world.antwerp, world.genk, status=Status.TALKS)
    edit = f"/admin/snippets/transfers/transfer/edit/{t.pk}/"
    assert editor_client.get(edit).status_code == 200
    data = nested_form_data(
        {
            "player": world.praet.pk,
            "from_club": world.antwerp.pk,
            "to_club": world.genk.pk,
            "kind": "definitief",
            "fee_amount": "",
            "fee_max": "",
            "fee_currency": "EUR",
            "fee_medium": "",
            "window_season": "winter",
            "window_year": "2027",
            "article_links": inline_formset(
                [{"article": praet_article.pk}, {"article": roundup.pk}]
            ),
        }
    )
    response = editor_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    html = client.get(t.get_absolute_url()).content.decode()
    listed = html.split('id="artikels"', 1)[1]
    assert praet_article.title.replace("'", "&#x27;") in listed
    assert "TRANSFERUURTJE: Club versus Barça" in listed


def test_from_an_article_the_tagger_suggests_the_player_and_clubs(editor_client, home, tmp_path):
    articles = import_transfer_items(tmp_path)
    praet_article = next(a for a in articles if "Praet" in a.title)
    praet = Person.objects.get(slug="dennis-praet")  # the shipped football knowledge
    response = editor_client.get(
        f"/admin/snippets/transfers/transfer/bron/?pagina={praet_article.pk}"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dennis Praet" in html
    assert f"player={praet.pk}" in html and f"pagina={praet_article.pk}" in html
    # The prefilled form, and creating from it links the article to the transfer.
    add = re.search(r'href="(/admin/snippets/transfers/transfer/add/\?player=[^"]+)"', html)
    form = editor_client.get(add.group(1).replace("&amp;", "&"))
    assert form.status_code == 200
    assert f'value="{praet_article.pk}"' in form.content.decode()


def test_from_a_live_blog_update_to_a_new_transfer(editor_client, client, home, world):
    from kopbal.liveblogs.actions import EntryData, do_post_entry
    from kopbal.liveblogs.tests.factories import publish_blog
    from kopbal.news.models import SectionPage

    blog = publish_blog(SectionPage.objects.get(slug="transfers"))
    entry = do_post_entry(
        blog,
        EntryData(
            headline="Dennis Praet op weg naar KRC Genk",
            body="<p>Royal Antwerp FC en KRC Genk praten over Dennis Praet.</p>",
        ),
        author=None,
    )
    praet = Person.objects.get(slug="dennis-praet")  # the shipped football knowledge
    html = editor_client.get(
        f"/admin/snippets/transfers/transfer/bron/?update={entry.pk}"
    ).content.decode()
    assert "Dennis Praet" in html and f"player={praet.pk}" in html
    assert f"update={entry.pk}" in html
    response = editor_client.post(
        ADD + f"?update={entry.pk}",
        create_data(
            world, player=praet.pk, initial_status="in-onderhandeling", source_entry=entry.pk
        ),
    )
    assert response.status_code == 302
    transfer = Transfer.objects.get(player=praet)
    assert list(transfer.live_entries.all()) == [entry]
    assert transfer.events.get().entry == entry
    page = client.get(transfer.get_absolute_url()).content.decode()
    assert "In onze liveblogs" in page and "Dennis Praet op weg naar KRC Genk" in page
