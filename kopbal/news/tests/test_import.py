from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kopbal.comments.models import Comment
from kopbal.news.importer import parse
from kopbal.news.models import ArticlePage

SEED = Path(__file__).resolve().parents[1] / "demo" / "seed.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def seed_latest() -> list[tuple[str, str, int]]:
    """The 25 `Meest recent` items as the seed file shows them (read independently)."""
    block = SEED_TEXT.split("Meest recent", 1)[1].split("Meer sportnieuws", 1)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    out, i = [], 0
    while i < len(lines):
        headline, teaser, count = lines[i], lines[i + 1], int(lines[i + 2])
        out.append((headline, teaser, count))
        i += 4
    return out


def test_seed_has_25_latest_items():
    assert len(seed_latest()) == 25


def test_import_round_trip_on_the_home_page(client, demo):
    html = client.get("/").content.decode()
    for headline, teaser, count in seed_latest():
        article = ArticlePage.objects.get(title=headline)
        assert Comment.objects.visible().filter(page=article).count() == count
        # Headline, teaser and count stand together in one teaser on the home page.
        teaser_html = html.split(f">{escape_html(headline)}</a>", 1)[1].split("</article>", 1)[0]
        assert escape_html(teaser) in teaser_html
        assert f"</span> {count}</a>" in teaser_html


def escape_html(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def test_article_body_comes_out_in_order(client, demo):
    response = client.get(demo.url)
    html = response.content.decode()
    paragraphs = [
        "Defour ging terug naar de roots",
        '<h2 class="subheading">BUITENLAND</h2>',
        "KV Mechelen is de club van mijn hart",
        'aldus <span class="quote__speaker">Defour</span> in <cite>La Dernière Heure</cite>',
        "Defour lijkt voorlopig ook volgend seizoen",
        "LEES OOK",
    ]
    positions = [html.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    assert "Bij KV Mechelen hadden ze nodige moeite" in html.split('class="article__lead"')[1][:200]
    # The lead is not repeated in the body.
    # (The <head> repeats it as the description for search engines and sharing.)
    assert html.split("<body", 1)[1].count("Bij KV Mechelen hadden ze nodige moeite") == 1


def test_read_also_links_to_the_right_article(client, demo):
    target = ArticlePage.objects.get(title__startswith="Gert Verheyen achterna")
    html = client.get(demo.url).content.decode()
    assert (
        f'<strong>LEES OOK:</strong> <a href="{target.url}">'
        "Gert Verheyen achterna: Defour verrast vriend en vijand</a>"
    ) in html
    assert client.get(target.url).status_code == 200


def test_quote_source_is_data():
    parsed = parse(SEED_TEXT)
    quotes = [value for kind, value in parsed.body if kind == "quote"]
    assert quotes == [
        {
            "text": quotes[0]["text"],
            "speaker": "Defour",
            "medium": "La Dernière Heure",
        }
    ]
    assert quotes[0]["text"].startswith("KV Mechelen is de club van mijn hart")


def test_import_command_imports_the_poll_and_reports_progress(home, client, tmp_path):
    from kopbal.polls.models import Poll

    out, err = StringIO(), StringIO()
    call_command("import_page", str(SEED), stdout=out, stderr=err)
    assert "[27/27] Steven Defour sluit deze opvallende overgang nu al uit" in out.getvalue()
    assert "Is Defour volgend jaar nog coach van KVM?" not in err.getvalue()
    assert "Niet geïmporteerd" not in err.getvalue()
    assert ArticlePage.objects.count() == 27
    poll = Poll.objects.get()
    assert poll.question == "Is Defour volgend jaar nog coach van KVM?"
    assert [a.text for a in poll.answer_list] == ["Ja", "Nee"]
    # In the article, after the body (and its LEES OOK), before the comments, as in the seed.
    article = ArticlePage.objects.get(title__startswith="Steven Defour sluit")
    assert [block.block_type for block in article.body][-2:] == ["read_also", "poll"]
    html = client.get(article.url).content.decode()
    order = ["LEES OOK", f'id="peiling-{poll.pk}"', poll.question, 'id="reacties"']
    assert [html.index(part) for part in order] == sorted(html.index(part) for part in order)
    # A second run adds nothing.
    call_command("import_page", str(SEED), stdout=StringIO(), stderr=StringIO())
    assert ArticlePage.objects.count() == 27
    assert Poll.objects.count() == 1


def test_a_question_that_is_not_yes_or_no_is_reported(section):
    from kopbal.news.importer import ImportResult, import_poll
    from kopbal.polls.models import Poll

    from .factories import publish_article

    article = publish_article(section, title="Wie volgt Defour op?")
    result = ImportResult()
    import_poll(article, "Wie wordt volgend jaar coach van KVM?", result)
    assert result.not_imported == [
        "peiling: Wie wordt volgend jaar coach van KVM? "
        "(geen ja/nee-vraag en de dump bevat geen antwoorden)"
    ]
    assert not Poll.objects.exists()
    assert list(ArticlePage.objects.get(pk=article.pk).body) == []


def test_imported_count_is_kept_as_a_number(home):
    call_command("import_page", str(SEED), stdout=StringIO(), stderr=StringIO())
    assert ArticlePage.objects.get(title__contains="Mannaert").source_comment_count == 1279


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"   \n\n  ", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binaire"),
        ("Kop met é\n\ndoor\nX\n\nLead.".encode("latin-1"), "UTF-8"),
        (b"door\nIemand\n\nEen lead zonder kop.", "Geen kop"),
        (b"Alleen een kop", "Geen lead"),
    ],
)
def test_bad_input_writes_nothing(home, tmp_path, content, message):
    before = ArticlePage.objects.count()
    path = tmp_path / "dump.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_page", str(path), stdout=StringIO(), stderr=StringIO())
    assert ArticlePage.objects.count() == before


def test_missing_file_is_a_clear_error(home):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_page", "/nonexistent/dump.txt")


def test_failure_half_way_rolls_everything_back(home, tmp_path):
    """A dump that fails after some articles were made leaves no trace."""
    text = SEED_TEXT.replace("Anderlecht-fans koken", "Anderlecht " * 30, 1)  # too long
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="Anderlecht Anderlecht"):
        call_command("import_page", str(path), stdout=StringIO(), stderr=StringIO())
    assert ArticlePage.objects.count() == 0


def test_make_run_demo_twice_does_not_duplicate(demo):
    from kopbal.news.demo.loader import load_demo

    comments = Comment.objects.count()
    assert load_demo(out=lambda msg: None) is False
    assert ArticlePage.objects.count() == 27
    assert Comment.objects.count() == comments
    assert comments == sum(count for _, _, count in seed_latest()) + 12
