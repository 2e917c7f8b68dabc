"""The demo of `make run` shows threads, likes and a featured comment, and keeps every
count it shows backed by real rows."""

import random

from kopbal.comments.demo import add_demo_conversation
from kopbal.comments.models import Comment, CommentLike
from kopbal.news.models import ArticlePage

from .conftest import make_reader


def test_demo_comments_become_threads_with_likes_and_a_featured_one(client, article):
    readers = [make_reader() for _ in range(8)]
    Comment.objects.bulk_create(
        Comment(page=article, author=readers[i % 8], body=f"Demo {i}") for i in range(40)
    )
    count = ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count
    replies = add_demo_conversation(article, readers, random.Random(1))
    assert replies == 24
    assert ArticlePage.objects.with_comment_count().get(pk=article.pk).comment_count == count
    html = client.get(article.url).content.decode()
    assert "comment--level-2" in html  # threads two levels deep
    assert 'id="uitgelicht-titel"' in html
    liked = Comment.objects.filter(page=article, like_count__gt=0)
    assert liked.exists()
    for comment in liked:
        assert CommentLike.objects.filter(comment=comment).count() == comment.like_count
        assert not CommentLike.objects.filter(comment=comment, user=comment.author).exists()
