"""The editor's side: suggestions with highlighted words, accept or ignore, apply at publish,
and the football data in the admin with its history."""

import json
import re

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import ModelLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kopbal.football.models import ArticleTaggingPreference, Club, RejectedTag
from kopbal.news.models import ArticlePage

SUGGEST = "/admin/voetbal/suggesties/"


@pytest.fixture
def editor(client, users, world, newsroom):
    """A member of Editors: writes articles, submits them, maintains clubs and people."""
    client.force_login(users("editor"))
    return users("editor")


@pytest.fixture
def publisher(client, users, world, newsroom):
    """A member of Moderators, who may publish (Wagtail's default groups)."""
    client.force_login(users("moderator"))
    return users("moderator")


def article_form(title, lead, body_text="", **extra):
    """The article form as the admin posts it (management forms of every inline list)."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "lead": lead,
            "article_authors": inline_formset([]),
            "body": streamfield([("paragraph", rich_text(body_text))] if body_text else []),
            "tags": "",
            "club_tags": inline_formset([]),
            "person_tags": inline_formset([]),
            "related_articles": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def test_suggestions_name_the_club_and_highlight_the_words(client, editor, world):
    data = article_form(
        "Defour blijft",
        "Daarnaast loodste hij de Maneblussers naar de finale.",
        body_text="Steven Defour is tevreden over <zijn> ploeg.",
    )
    response = client.post(SUGGEST, data)
    assert response.status_code == 200
    payload = response.json()
    by_name = {s["name"]: s for s in payload["suggestions"]}
    mechelen = by_name["KV Mechelen"]
    assert mechelen["key"] == f"club:{world['kv-mechelen'].pk}"
    assert mechelen["words"] == ["Maneblussers"]
    assert "de <mark>Maneblussers</mark> naar" in mechelen["snippets"][0]
    assert "Steven Defour" in by_name
    assert payload["counts"] == {"club": 1, "person": 1}


def test_suggestion_snippets_are_escaped(client, editor):
    data = article_form("Test", "<script>alert(1)</script> Anderlecht <img src=x onerror=1>")
    snippet = client.post(SUGGEST, data).json()["suggestions"][0]["snippets"][0]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<img" not in snippet and "<mark>Anderlecht</mark>" in snippet


def test_suggestions_need_an_admin_login_and_a_post(client, users, world):
    assert client.post(SUGGEST, article_form("a", "Anderlecht")).status_code == 302
    client.force_login(users("reader"))
    response = client.post(SUGGEST, article_form("a", "Anderlecht"))
    assert response.status_code in (302, 403)
    client.force_login(users("editor"))
    assert client.get(SUGGEST).status_code == 405


@pytest.mark.parametrize(
    "mangled",
    [
        {"body-count": "zeven"},
        {"body-count": "1"},
        {"body-count": "1", "body-0-type": "bestaat-niet", "body-0-value": "x"},
        {"body-count": "1", "body-0-type": "read_also", "body-0-value-page": "abc"},
        {"body-count": "1", "body-0-type": "paragraph", "body-0-value": "{niet: json"},
    ],
)
def test_a_mangled_form_gets_a_dutch_400(client, editor, mangled):
    response = client.post(SUGGEST, {"title": "Anderlecht", **mangled})
    assert response.status_code == 400
    assert "kon niet gelezen worden" in response.json()["error"]


def test_related_articles_are_suggested_for_lees_ook(client, editor, section, world):
    from .test_pages import tagged

    older = tagged(
        section,
        "Defour over zijn toekomst bij Mechelen",
        people=[world["steven-defour"]],
        minutes_ago=90,
    )
    data = article_form("Defour tevreden", "Steven Defour is blij met zijn spelers.")
    related = client.post(SUGGEST, data).json()["related"]
    assert related[0]["id"] == older.pk
    assert "1 persoon gemeen" in related[0]["reasons"]
    # Already linked from the body with a `Lees ook` block: not proposed again.
    data = article_form("Defour tevreden", "Steven Defour is blij met zijn spelers.")
    data.update(nested_form_data({"body": streamfield([("read_also", {"page": older.pk})])}))
    assert older.pk not in [r["id"] for r in client.post(SUGGEST, data).json()["related"]]


def create_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def test_publishing_applies_accepted_and_suggested_tags_but_not_rejected_ones(
    client, publisher, section, world
):
    kvm, genk = world["kv-mechelen"], world["krc-genk"]
    data = article_form(
        "Malinwa wint van Genk",
        "De Maneblussers wonnen met 2-0 van KRC Genk. Steven Defour was tevreden.",
        tags_accepted=f"club:{kvm.pk}",
        tags_rejected=f"club:{genk.pk}",
        apply_tag_suggestions="on",
        **{"action-publish": "action-publish"},
    )
    response = client.post(create_url(section), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(title="Malinwa wint van Genk")
    assert page.live
    assert {t.club.slug for t in page.club_tags.all()} == {"kv-mechelen"}
    assert {t.person.slug for t in page.person_tags.all()} == {"steven-defour"}
    assert [r.club_id for r in RejectedTag.objects.filter(page=page)] == [genk.pk]
    assert ArticleTaggingPreference.objects.get(page=page).apply_on_publish is True
    # The tags are in the revision the editor reopens.
    reopened = page.get_latest_revision_as_object()
    assert {t.club_id for t in reopened.club_tags.all()} == {kvm.pk}
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert f'value="club:{genk.pk}"' in html  # the rejection is remembered in the form
    # On the public side, the article is on the club page and in its feed.
    assert page.title in client.get("/clubs/kv-mechelen/").content.decode()
    assert page.title in client.get("/clubs/kv-mechelen/rss/").content.decode()
    assert page.title not in client.get("/clubs/krc-genk/").content.decode()


def test_without_apply_only_the_accepted_tags_are_added(client, publisher, section, world):
    kvm = world["kv-mechelen"]
    data = article_form(
        "Malinwa wint weer",
        "De Maneblussers wonnen van Anderlecht.",
        tags_accepted=f"club:{kvm.pk}",
        **{"action-publish": "action-publish"},
    )
    assert client.post(create_url(section), data).status_code == 302
    page = ArticlePage.objects.get(title="Malinwa wint weer")
    assert {t.club.slug for t in page.club_tags.all()} == {"kv-mechelen"}
    assert ArticleTaggingPreference.objects.get(page=page).apply_on_publish is False


def test_saving_a_draft_does_not_apply_suggestions(client, editor, section, world):
    data = article_form("Concept over Genk", "KRC Genk wint.", apply_tag_suggestions="on")
    assert client.post(create_url(section), data).status_code == 302
    page = ArticlePage.objects.get(title="Concept over Genk")
    assert not page.live and not page.club_tags.exists()


def test_an_editors_submission_for_moderation_carries_the_suggested_tags(
    client, editor, section, world
):
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    from kopbal.users.roles import MODERATORS, ensure_group

    # Wagtail's default workflow (a flushed database may have lost it).
    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    task, created = GroupApprovalTask.objects.get_or_create(name="Moderators approval")
    if created:
        task.groups.set([ensure_group(MODERATORS)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    data = article_form(
        "Genk klopt Gent",
        "KRC Genk won van AA Gent.",
        apply_tag_suggestions="on",
        **{"action-submit": "action-submit"},
    )
    assert client.post(create_url(section), data).status_code == 302
    page = ArticlePage.objects.get(title="Genk klopt Gent")
    assert not page.live
    submitted = page.get_latest_revision_as_object()
    assert {t.club_id for t in submitted.club_tags.all()} == {
        world["krc-genk"].pk,
        world["aa-gent"].pk,
    }


@pytest.mark.parametrize("bad", ["club:999999", "ploeg:3", "club:abc club:1"])
def test_a_tampered_suggestion_field_is_a_form_error_and_nothing_is_saved(
    client, publisher, section, bad
):
    data = article_form(
        "Gemanipuleerd",
        "Anderlecht wint.",
        tags_accepted=bad,
        **{"action-publish": "action-publish"},
    )
    response = client.post(create_url(section), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "laad de pagina opnieuw" in html
    assert not ArticlePage.objects.filter(title="Gemanipuleerd").exists()


def test_the_article_form_shows_the_suggestions_panel(client, editor, section):
    html = client.get(create_url(section)).content.decode()
    assert "data-kb-suggest" in html and 'data-url="/admin/voetbal/suggesties/"' in html
    assert "football/js/tag_suggestions.js" in html
    assert html.count('name="tags_accepted"') == 1  # rendered once, by our panel
    (checkbox,) = re.findall(r'<input[^>]*name="apply_tag_suggestions"[^>]*>', html)
    assert "checked" in checkbox  # on by default for a new article


def test_editing_a_club_keeps_its_history(client, editor, world):
    club = world["kv-mechelen"]
    url = reverse("wagtailsnippets_football_club:edit", args=(club.pk,))
    html = client.get(url).content.decode()
    assert "Maneblussers" in html
    data = {
        "name": club.name,
        "slug": club.slug,
        "official_name": "",
        "short_name": "Mechelen",
        "abbreviations": "KVM",
        "nicknames": "Maneblussers\nMalinwa\nKakkers\nGeel-Rood",
        "other_names": club.other_names,
        "city": club.city,
        "stadium": club.stadium,
        "colours": club.colours,
        "country": club.country,
        "league": club.league_id,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    club.refresh_from_db()
    assert "Geel-Rood" in club.nicknames
    assert Revision.objects.for_instance(club).count() == 1
    history = client.get(reverse("wagtailsnippets_football_club:history", args=(club.pk,)))
    assert history.status_code == 200
    # The tagger knows the new nickname at once.
    data = article_form("x", "Geel-Rood wint.")
    names = [s["name"] for s in client.post(SUGGEST, data).json()["suggestions"]]
    assert names == ["KV Mechelen"]


def test_a_career_spell_ending_before_it_starts_is_refused(client, editor, world):
    person = world["danny-buijs"]
    url = reverse("wagtailsnippets_football_person:edit", args=(person.pk,))
    spells = [
        {
            "id": s.pk,
            "club": s.club_id,
            "role": s.role,
            "from_year": s.from_year or "",
            "to_year": s.to_year or "",
            "note": s.note,
        }
        for s in person.career.all()
    ]
    spells[0]["to_year"] = 2010  # Groningen from 2018 to 2010
    data = nested_form_data(
        {
            "name": person.name,
            "slug": person.slug,
            "known_as": "",
            "role": person.role,
            "current_club": "",
            "nationality": "",
            "bio": "",
            "career": inline_formset(spells, initial=len(spells)),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Het eindjaar ligt voor het beginjaar." in response.content.decode()
    assert Club.objects.get(slug="fc-groningen").career_spells.get().to_year == 2022


def test_json_endpoint_answers_json(client, editor):
    response = client.post(SUGGEST, article_form("Leeg", "Niets te zien."))
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["suggestions"] == []


def test_an_accepted_lees_ook_suggestion_ends_the_article(client, publisher, section, world):
    """The editor clicks `Toevoegen aan Lees ook` on a proposal: the pick is saved in the
    revision and replaces the automatic related articles at the end of the article."""
    from .test_pages import tagged

    kvm = world["kv-mechelen"]
    proposed = tagged(section, "Malinwa haalt een spits", clubs=[kvm], minutes_ago=120)
    other = tagged(section, "Mechelen wint de derby", clubs=[kvm], minutes_ago=60)
    lead = "KV Mechelen verlengt het contract van zijn kapitein."
    related = client.post(SUGGEST, article_form("Kapitein blijft", lead)).json()["related"]
    assert proposed.pk in [r["id"] for r in related]

    data = article_form(
        "Kapitein blijft",
        lead,
        related_accepted=str(proposed.pk),
        **{"action-publish": "action-publish"},
    )
    assert client.post(create_url(section), data).status_code == 302
    page = ArticlePage.objects.get(title="Kapitein blijft")
    assert [r.article_id for r in page.related_articles.all()] == [proposed.pk]
    reopened = page.get_latest_revision_as_object()
    assert [r.article_id for r in reopened.related_articles.all()] == [proposed.pk]
    html = client.get(page.url).content.decode()
    end = html.split('id="lees-ook-titel"', 1)[1].split("</section>", 1)[0]
    assert proposed.title in end and other.title not in end  # the pick, not the newest


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("abc", "De gekozen artikels zijn onleesbaar."),
        ("1 x", "De gekozen artikels zijn onleesbaar."),
        ("999999", "Een gekozen artikel bestaat niet meer."),
    ],
)
def test_a_tampered_lees_ook_field_is_a_form_error(client, publisher, section, bad, message):
    data = article_form(
        "Gemanipuleerd lees ook",
        "Anderlecht wint.",
        related_accepted=bad,
        **{"action-publish": "action-publish"},
    )
    response = client.post(create_url(section), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not ArticlePage.objects.filter(title="Gemanipuleerd lees ook").exists()


def test_editing_a_person_or_competition_keeps_its_history(client, editor, world):
    """People and competitions are revisioned like clubs: the history shows who changed what."""
    from kopbal.football.models import Competition

    person = world["wouter-vrancken"]
    url = reverse("wagtailsnippets_football_person:edit", args=(person.pk,))
    spells = [
        {
            "id": s.pk,
            "club": s.club_id,
            "role": s.role,
            "from_year": s.from_year or "",
            "to_year": s.to_year or "",
            "note": s.note,
        }
        for s in person.career.all()
    ]
    data = nested_form_data(
        {
            "name": person.name,
            "slug": person.slug,
            "known_as": "",
            "role": person.role,
            "current_club": person.current_club_id,
            "nationality": "BE",
            "bio": "Trainer van STVV sinds 2025.",
            "career": inline_formset(spells, initial=len(spells)),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Revision.objects.for_instance(person).count() == 1
    assert person.career.count() == len(spells)  # the career came through untouched
    (entry,) = ModelLogEntry.objects.for_instance(person).filter(action="wagtail.edit")
    assert entry.user == editor and entry.revision is not None
    history = client.get(reverse("wagtailsnippets_football_person:history", args=(person.pk,)))
    assert history.status_code == 200
    assert "Trainer van STVV sinds 2025." in client.get(person.get_absolute_url()).content.decode()

    cup = Competition.objects.get(slug="beker-van-belgie")
    url = reverse("wagtailsnippets_football_competition:edit", args=(cup.pk,))
    data = {
        "name": cup.name,
        "slug": cup.slug,
        "short_name": cup.short_name,
        "aliases": "Croky Cup\nBekerfinale",
        "kind": cup.kind,
        "country": cup.country,
        "level": "",
    }
    assert client.post(url, data).status_code == 302
    assert Revision.objects.for_instance(cup).count() == 1
    assert ModelLogEntry.objects.for_instance(cup).filter(action="wagtail.edit").exists()
    cup.refresh_from_db()
    assert "Bekerfinale" in cup.aliases
