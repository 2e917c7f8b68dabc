"""Reading: threads, orders, featured first, and `meer reacties` at a fixed query cost
whatever the thread size (the seed's 1279-comment story is the test case)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kopbal.comments.choices import CommentStatus
from kopbal.comments.models import Comment

from .conftest import JSON, make_reader

TOTAL = 1279


def ids_in(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-comment="(\d+)"', html)]


def top_ids(html: str) -> list[int]:
    """Top-level comments only (level 0)."""
    return [int(n) for n in re.findall(r'comment--level-0[^"]*" id="reactie-(\d+)"', html)]


@pytest.fixture
def big_thread(article):
    """1279 visible comments: 1000 top-level ones a minute apart, and 279 replies spread
    over the ten newest threads, three levels deep, plus a few that must stay hidden."""
    authors = [make_reader(f"fan{n}") for n in range(10)]
    start = timezone.now() - timedelta(days=1)
    roots = Comment.objects.bulk_create(
        Comment(
            page=article,
            author=authors[i % 10],
            body=f"Top {i}",
            created_at=start + timedelta(minutes=i),
            like_count=(i * 37) % 101,
        )
        for i in range(1000)
    )
    newest = roots[-10:]
    replies = []
    for n in range(279):
        root = newest[n % 10]
        replies.append(
            Comment(
                page=article,
                author=authors[n % 7],
                parent=root,
                root=root,
                depth=1,
                body=f"Antwoord {n}",
                created_at=root.created_at + timedelta(seconds=n + 1),
            )
        )
    Comment.objects.bulk_create(replies)
    Comment.objects.bulk_create(
        Comment(page=article, author=authors[0], body=f"verborgen {s}", status=s)
        for s in (CommentStatus.PENDING, CommentStatus.REMOVED, CommentStatus.DELETED)
    )
    # Comments the fixture's `reader` wrote earlier are visible too: drop them for exact sums.
    Comment.objects.filter(page=article, body__startswith="eerdere reactie").delete()
    assert Comment.objects.visible().filter(page=article).count() == TOTAL
    return roots


def comment_queries(ctx) -> int:
    """Queries that read comments themselves (not lists that merely count them)."""
    starts = ('SELECT "comments_comment"', 'SELECT * FROM ( SELECT "comments_comment"')
    return sum(q["sql"].startswith(starts) for q in ctx.captured_queries)


def test_article_page_with_1279_comments_stays_within_budget(
    client, article, big_thread, django_assert_max_num_queries, settings
):
    settings.KOPBAL_FRAGMENT_CACHE = False  # render the comment section every time
    client.get(article.url)  # warm caches (navigation, rules) like a running site
    with CaptureQueriesContext(connection) as ctx, django_assert_max_num_queries(10):
        response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1279 reacties" in html
    assert comment_queries(ctx) == 2  # the count rides along with the first page
    assert len(top_ids(html)) == 50
    assert top_ids(html)[0] == big_thread[-1].pk  # newest first
    assert "Meer reacties" in html


def test_meer_reacties_costs_the_same_on_every_page_and_covers_every_comment(
    client, article, big_thread
):
    # "populair" has many ties in like counts: the keyset must still hit every comment once.
    for order in ("nieuw", "populair"):
        html = client.get(article.url, {"volgorde": order}).content.decode()
        seen = top_ids(html)
        next_url = re.search(r'href="([^"]+)" data-more', html).group(1).replace("&amp;", "&")
        costs = []
        while next_url:
            with CaptureQueriesContext(connection) as ctx:
                data = client.get(next_url, **JSON).json()
            costs.append(len(ctx.captured_queries))
            seen += top_ids(data["html"])
            next_url = data["next_url"]
        assert len(seen) == len(set(seen)) == 1000, order
        # The article (published and public, one query), the top-level page, the replies.
        assert set(costs) == {3}, (order, costs)
        assert len(costs) == 19


def test_orders(client, article, big_thread):
    by_pk = {c.pk: c for c in big_thread}
    oldest = top_ids(client.get(article.url, {"volgorde": "oud"}).content.decode())
    assert oldest == [c.pk for c in big_thread[:50]]
    liked = top_ids(client.get(article.url, {"volgorde": "populair"}).content.decode())
    likes = [by_pk[pk].like_count for pk in liked]
    assert likes == sorted(likes, reverse=True) and likes[0] == 100
    unknown = client.get(article.url, {"volgorde": "<script>"})
    assert unknown.status_code == 200 and top_ids(unknown.content.decode())[0] == big_thread[-1].pk


@pytest.mark.parametrize("cursor", ["abc", "1.2.3.4", "-5.-3", "99999999999999999999.1", ""])
def test_a_malformed_cursor_gives_the_first_page(client, article, reader, cursor):
    newest = Comment.objects.create(page=article, author=reader, body="Nieuwste")
    response = client.get(reverse("comments:list", args=[article.pk]), {"na": cursor})
    assert response.status_code == 200
    assert top_ids(response.content.decode())[0] == newest.pk


def test_long_threads_show_their_first_replies_and_link_to_the_rest(client, article, big_thread):
    html = client.get(article.url).content.decode()
    root = big_thread[-1]
    thread = html.split(f'id="reactie-{root.pk}"', 1)[1].split("comment--level-0", 1)[0]
    assert thread.count("comment--level-1") == 5
    assert "Nog 22 antwoorden tonen" in thread  # 27 replies under this root, 5 shown
    full = client.get(reverse("comments:thread", args=[root.pk])).content.decode()
    assert full.count("comment--level-1") == 27


def test_deep_replies_show_at_the_deepest_level_with_who_they_answer(client, article, reader):
    top = Comment.objects.create(page=article, author=reader, body="Niveau nul")
    parent, chain = top, []
    for depth in range(1, 5):
        author = make_reader(display_name=f"Diepte {depth}")
        parent = Comment.objects.create(
            page=article,
            author=author,
            parent=parent,
            root=top,
            depth=depth,
            body=f"Niveau {depth}",
        )
        chain.append(parent)
    html = client.get(article.url).content.decode()
    for comment, level in zip(chain, [1, 2, 2, 2], strict=True):
        assert f'comment--level-{level}" id="reactie-{comment.pk}"' in html
    assert "antwoord op Diepte 2" in html and "antwoord op Diepte 3" in html


def test_featured_comments_come_first_even_deep_in_a_thread(client, article, big_thread, users):
    from kopbal.comments.actions import do_feature

    deep_reply = Comment.objects.filter(root=big_thread[-1]).order_by("-created_at").first()
    old_root = big_thread[3]
    do_feature(moderator=users("moderator"), comments=[deep_reply, old_root])
    html = client.get(article.url).content.decode()
    featured = html.split('id="uitgelicht-titel"', 1)[1].split("</section>", 1)[0]
    assert f'data-featured="{old_root.pk}"' in featured
    assert f'data-featured="{deep_reply.pk}"' in featured
    assert html.index("Uitgelicht") < html.index("comment--level-0")


def test_tombstones_keep_threads_readable(client, article, reader):
    top = Comment.objects.create(
        page=article, author=reader, body="Weggehaald", status=CommentStatus.REMOVED
    )
    Comment.objects.create(
        page=article, author=make_reader(), parent=top, root=top, depth=1, body="Zichtbaar antwoord"
    )
    Comment.objects.create(
        page=article, author=reader, body="Zonder antwoorden", status=CommentStatus.REMOVED
    )
    html = client.get(article.url).content.decode()
    assert "Deze reactie werd verwijderd door een moderator." in html
    assert "Zichtbaar antwoord" in html
    assert "Weggehaald" not in html and "Zonder antwoorden" not in html


def test_profile_shows_only_visible_comments(client, article, reader):
    Comment.objects.create(
        page=article, author=reader, body="Openbaar", status=CommentStatus.VISIBLE
    )
    Comment.objects.create(
        page=article, author=reader, body="Nog niet", status=CommentStatus.PENDING
    )
    html = client.get(reverse("users:profile", args=[reader.pk])).content.decode()
    assert "Openbaar" in html and "Nog niet" not in html
    assert "Trouwe Lezer" in html and article.title in html
    assert client.get(reverse("users:profile", args=[999999])).status_code == 404


def test_state_is_personal_and_never_cached(client, article, reader, users):
    mine = Comment.objects.create(page=article, author=reader, body="Van mij")
    theirs = Comment.objects.create(page=article, author=make_reader(), body="Van hen")
    anonymous = client.get(reverse("comments:state"), {"artikel": article.pk})
    assert anonymous.json()["authenticated"] is False
    assert "no-store" in anonymous["Cache-Control"]
    client.force_login(reader)
    client.post(reverse("comments:like", args=[theirs.pk]), {"liked": "1"})
    state = client.get(reverse("comments:state"), {"artikel": article.pk}).json()
    assert state["user"]["name"] == "Trouwe Lezer"
    assert state["liked"] == [theirs.pk]
    assert state["own"][str(mine.pk)]["editable_until"]
    assert "history_url" not in state
    client.force_login(users("moderator"))
    moderator_state = client.get(reverse("comments:state"), {"artikel": article.pk}).json()
    assert moderator_state["history_url"] == "/admin/reacties/lezer/{}/"
    client.force_login(reader)
    # The article HTML holds none of it but the account link (a personal part, filled in
    # by kopbal/core/personal.py): the script shows the reader's own controls.
    html = client.get(article.url).content.decode()
    header = html.split("</header>", 1)[0]
    assert "data-account-link>Trouwe Lezer</a>" in header
    assert "data-own hidden" in html.split(f'id="reactie-{mine.pk}"', 1)[1].split("</li>", 1)[0]
