"""Editors read each article's views and comments per day in the Wagtail admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kopbal.comments.models import Comment
from kopbal.stats import counter


@pytest.fixture
def counted(articles, users):
    a, b, _ = articles
    hour = counter.current_hour()
    buffer = counter.get_buffer()
    buffer.add(a.pk, 40, hour=hour)
    buffer.add(a.pk, 25, hour=hour - 48)  # two days ago
    buffer.add(b.pk, 7, hour=hour)
    counter.flush_views()
    reader = users("reader")
    Comment.objects.create(page=a, author=reader, body="Sterk stuk.")
    Comment.objects.create(
        page=a, author=reader, body="Oud.", created_at=timezone.now() - timedelta(days=2)
    )
    return a, b


def test_report_ranks_articles_by_views(client, users, counted):
    a, b = counted
    client.force_login(users("editor"))
    html = client.get("/admin/leescijfers/").content.decode()
    assert html.index(a.title) < html.index(b.title)
    row = html.split(a.title, 1)[1].split("</tr>", 1)[0]
    assert "<td>65</td>" in row and "<td>2</td>" in row
    html = client.get("/admin/leescijfers/", {"periode": "1"}).content.decode()
    assert "<td>40</td>" in html.split(a.title, 1)[1].split("</tr>", 1)[0]
    # A nonsense period falls back to 7 days rather than failing.
    assert client.get("/admin/leescijfers/", {"periode": "x"}).status_code == 200


def test_article_history_day_by_day(client, users, counted):
    a, _ = counted
    client.force_login(users("editor"))
    response = client.get(f"/admin/leescijfers/{a.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "65 weergaven" in html and "2 reacties" in html
    today = timezone.localdate()
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 30
    assert "<td>40</td><td>1</td>" in rows[0]  # today: 40 views, 1 comment
    two_days_ago = (today - timedelta(days=2)).strftime("%d-%m-%Y")
    assert two_days_ago in rows[2] and "<td>25</td><td>1</td>" in rows[2]


def test_the_page_editor_links_to_the_figures(client, users, counted):
    a, _ = counted
    client.force_login(users("editor"))
    html = client.get(f"/admin/pages/{a.pk}/edit/").content.decode()
    assert f'href="/admin/leescijfers/{a.pk}/"' in html


def test_readers_and_unknown_articles(client, users, counted, home):
    a, _ = counted
    client.force_login(users("reader"))
    assert client.get("/admin/leescijfers/").status_code in (302, 403)
    assert client.get(f"/admin/leescijfers/{a.pk}/").status_code in (302, 403)
    client.force_login(users("editor"))
    assert client.get("/admin/leescijfers/999999/").status_code == 404
    assert client.get(f"/admin/leescijfers/{home.pk}/").status_code == 404
