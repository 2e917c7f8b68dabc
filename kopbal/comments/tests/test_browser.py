"""In Debian's chromium: a reader signs up and takes part, a moderator approves and
features in the Wagtail admin; hostile comments never run a script or break the page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment
from kopbal.users.roles import example_user

from .conftest import make_reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conversation(article):
    author = make_reader("vaste", approved=2, page=article, display_name="Vaste Lezer")
    Comment.objects.filter(author=author).update(body="Al jaren supporter")
    return Comment.objects.create(page=article, author=author, body="Wie moet er trainer worden?")


def sign_up(page, base: str) -> None:
    page.goto(base + "/accounts/signup/")
    page.fill("input[name=email]", "lotte@example.com")
    page.fill("input[name=username]", "lotte")
    page.fill("input[name=display_name]", "Lotte uit Genk")
    page.fill("input[name=password1]", "Blauw-Wit-2026!")
    page.fill("input[name=password2]", "Blauw-Wit-2026!")
    page.get_by_role("button", name="Account maken").click()
    page.get_by_role("heading", name="Bevestig je e-mailadres").wait_for()
    link = re.search(r"(http://\S+/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "confirm-email" not in url)


def test_reader_takes_part_and_a_moderator_features_her_comment(
    live_server, article, conversation, browser
):
    base = live_server.url
    reader_context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    page = reader_context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_up(page, base)

    page.goto(base + article.url)
    section = page.locator("#reacties")
    section.locator("[data-login-hint]").wait_for(state="hidden")  # the script knows her
    assert page.locator("[data-account-link]").inner_text() == "Lotte uit Genk"

    # A new comment: a new account's first ones wait for a moderator.
    textarea = section.locator("textarea[name=body]").first
    textarea.fill("Thorsten Fink zou een goede keuze zijn.")
    assert "Nog 1961 tekens." in section.locator("[data-counter]").first.inner_text()
    section.get_by_role("button", name="Reactie plaatsen").click()
    status = section.locator("[data-comment-form] [data-status]").first
    status.get_by_text("Bedankt! Je reactie verschijnt zodra").wait_for()
    mine = Comment.objects.get(body="Thorsten Fink zou een goede keuze zijn.")
    assert mine.status == CommentStatus.PENDING
    item = section.locator(f"#reactie-{mine.pk}")
    assert "Wacht op goedkeuring" in item.text_content()

    # A reply, in a form that opens under the comment.
    other = section.locator(f"#reactie-{conversation.pk}")
    other.get_by_role("link", name="Antwoorden").click()
    reply_form = other.locator("[data-comment-form]")
    reply_form.locator("textarea").fill("Akkoord, maar dan met een sterke assistent.")
    reply_form.get_by_role("button", name="Antwoord plaatsen").click()
    reply_form.locator("[data-status]").get_by_text("Bedankt!").wait_for()
    reply = Comment.objects.get(body__startswith="Akkoord, maar dan")
    assert (reply.parent_id, reply.depth) == (conversation.pk, 1)

    # A like, toggled on the spot.
    like = other.locator(f"[data-like='{conversation.pk}']")
    like.click()
    selector = f"[data-like='{conversation.pk}'][aria-pressed='true']"
    page.locator(selector).wait_for()
    assert like.locator("[data-like-count]").inner_text() == "1"
    conversation.refresh_from_db()
    assert conversation.like_count == 1

    # The moderator approves her comment in the Wagtail admin, then features it.
    example_user("moderator")
    admin = browser.new_context(locale="nl-BE").new_page()
    admin.set_default_timeout(15_000)
    admin.goto(base + "/admin/login/")
    admin.fill("input[name=username]", "moderator")
    admin.fill("input[name=password]", "wachtwoord-moderator")
    admin.click("button[type=submit]")
    admin.wait_for_url(base + "/admin/")
    admin.goto(base + "/admin/reacties/")
    assert "Thorsten Fink" in admin.locator("table.listing").inner_text()
    admin.locator(f"input[data-object-id='{mine.pk}']").check()
    admin.locator("a[aria-label='De gekozen reacties goedkeuren']").click()
    admin.get_by_role("button", name="Ja, goedkeuren").click()
    admin.wait_for_url(re.compile(r".*/admin/reacties/.*"))
    mine.refresh_from_db()
    assert mine.status == CommentStatus.VISIBLE

    admin.goto(base + "/admin/reacties/?lijst=alle")
    admin.locator(f"input[data-object-id='{mine.pk}']").check()
    admin.locator("a[aria-label='De gekozen reacties uitlichten']").click()
    admin.get_by_role("button", name="Ja, uitlichten").click()
    admin.wait_for_url(re.compile(r".*/admin/reacties/.*"))
    mine.refresh_from_db()
    assert mine.is_featured

    # On the site, her history is one click from her comment for a moderator.
    admin.goto(base + article.url)
    admin.locator(f"#reactie-{mine.pk} [data-history]").click()
    admin.wait_for_url(re.compile(rf".*/admin/reacties/lezer/{mine.author_id}/$"))
    assert "Thorsten Fink zou een goede keuze zijn." in admin.locator("main").inner_text()

    # The reader sees her comment featured, first.
    page.goto(base + article.url)
    featured = page.locator(".comments__featured")
    assert "Thorsten Fink zou een goede keuze zijn." in featured.inner_text()
    assert "Lotte uit Genk" in featured.inner_text()
    # Two older ones, the question, and hers; her reply still waits.
    assert page.locator("#reacties-titel").inner_text() == "4 reacties"
    assert dialogs == []
    reader_context.close()


HOSTILE = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>",
    '<a href="javascript:alert(1)">klik</a> en javascript:alert(1)',
    '" onmouseover="alert(1)" \'><script>alert(1)</script>',
    'http://example.com/"onmouseover="alert(1)" x',
    '<iframe src="javascript:alert(1)"></iframe><object data="javascript:alert(1)"></object>',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<style>body{display:none}</style>{{ 7*7 }} {% debug %}",
    "Goal van \u202egnp.exe\u202c Lukaku \u2066\u202e!emoh\u2069",
    "Z" + "\u0336\u0337\u0338" * 200 + "algo",
    "A" * 1990,
    "regel\n" * 300,
    "Kapotte tekens: \ud800 \udfff einde",
]


def test_hostile_comments_never_run_and_never_break_the_layout(
    live_server, article, reader, browser, settings
):
    settings.KOPBAL_COMMENT_RATE_LIMITS = {
        "post": (100, 100, 60),
        "like": (100, 100, 60),
        "report": (100, 100, 60),
    }
    base = live_server.url
    client = Client()
    client.force_login(reader)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + article.url)
    form = page.locator("#reacties [data-comment-form]").first
    page.locator("#reacties [data-login-hint]").wait_for(state="hidden")
    before = Comment.objects.count()
    for body in HOSTILE:
        # Set the value from JavaScript: lone surrogates cannot be typed.
        form.locator("textarea").evaluate("(el, value) => { el.value = value; }", body)
        form.get_by_role("button", name="Reactie plaatsen").click()
        form.locator("[data-status]").get_by_text("Je reactie staat online.").wait_for()
        form.locator("[data-status]").evaluate("el => { el.textContent = ''; }")
    assert Comment.objects.count() == before + len(HOSTILE)

    # 100 KB: a clear error, the text stays in the box, nothing is stored.
    form.locator("textarea").evaluate("el => { el.value = 'x'.repeat(100000); }")
    form.get_by_role("button", name="Reactie plaatsen").click()
    form.locator("[data-status]").get_by_text("100000 tekens lang").wait_for()
    assert form.locator("textarea").evaluate("el => el.value.length") == 100000
    assert Comment.objects.count() == before + len(HOSTILE)

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + article.url)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert (
            page.locator(
                "#reacties script, #reacties img, #reacties svg, #reacties iframe, "
                "#reacties object, #reacties base, #reacties style"
            ).count()
            == 0
        )
        assert (
            page.evaluate("document.querySelectorAll('[onerror],[onload],[onmouseover]').length")
            == 0
        )
        links = page.locator("#reacties .comment__body a")
        for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            assert href.startswith(("http://", "https://")), href
        # The layout survives: nothing wider than the window, the side column still there.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("body").is_visible()
        assert page.get_by_role("heading", name="Meest recent").is_visible()
        assert page.locator("#reacties-titel").is_visible()
        text = page.locator("#reacties").inner_text()
        assert "{{ 7*7 }}" in text and "<script>alert('xss')</script>" in text
        assert "\u202e" not in text
    assert dialogs == []
    context.close()


def test_meer_reacties_loads_the_next_threads_in_place(live_server, article, browser, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.KOPBAL_COMMENTS_PAGE = 2
    author = make_reader("veelschrijver", display_name="Veelschrijver")
    start = timezone.now() - timedelta(hours=1)
    Comment.objects.bulk_create(
        Comment(
            page=article, author=author, body=f"Draad {n}", created_at=start + timedelta(minutes=n)
        )
        for n in range(5)
    )
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + article.url)
    threads = page.locator("#reacties [data-comment-list] > li")
    more = page.get_by_role("link", name="Meer reacties")
    assert threads.count() == 2
    more.click()
    page.locator("#reacties [data-comment-list] > li:nth-child(4)").wait_for()
    more.click()
    page.locator("#reacties [data-comment-list] > li:nth-child(5)").wait_for()
    more.wait_for(state="detached")  # the last page: no link left
    assert page.url == live_server.url + article.url  # no navigation, no reload
    bodies = threads.locator("[data-body]").all_inner_texts()
    assert bodies == [f"Draad {n}" for n in (4, 3, 2, 1, 0)]
    page.close()
