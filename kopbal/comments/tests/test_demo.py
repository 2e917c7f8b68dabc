"""The demo of `make run` shows threads, likes and a featured comment, and keeps every
count it shows backed by real rows."""

from kopbal.comments.models import Comment, CommentLike
from kopbal.news.models import ArticlePage
from kopbal.news.tests.conftest import demo  # noqa: F401 - the shared demo fixture


def test_demo_comments_are_threads_with_likes_and_a_featured_one(client, demo):  # noqa: F811
    html = client.get(demo.url).content.decode()
    assert "comment--level-2" in html  # threads two levels deep
    assert 'id="uitgelicht-titel"' in html
    busiest = ArticlePage.objects.published().order_by("-source_comment_count").first()
    counted = ArticlePage.objects.with_comment_count().get(pk=busiest.pk).comment_count
    assert counted == busiest.source_comment_count == 1279
    assert Comment.objects.filter(page=busiest, parent__isnull=False).exists()
    for comment in Comment.objects.filter(like_count__gt=0)[:20]:
        assert CommentLike.objects.filter(comment=comment).count() == comment.like_count
