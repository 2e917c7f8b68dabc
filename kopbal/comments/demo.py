"""Demo conversations for `make run`: the flat demo comments become threads, with likes and
an `uitgelicht` comment, so that a newcomer sees what the comment section can do. The
visible count of each article does not change (rows are rearranged, not added)."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from .choices import CommentStatus
from .models import Comment, CommentLike

DEMO_REPLIES = [
    "Helemaal mee eens.",
    "Dat zie ik toch anders: geef hem nog een seizoen.",
    "Bron? Ik lees dat nergens anders.",
    "Haha, wacht maar tot zondag.",
    "Precies wat ik dacht toen ik het las.",
    "Je vergeet dat hij vorig jaar nog geblesseerd was.",
]


@transaction.atomic
def add_demo_conversation(article, readers: list, rng: random.Random, threads: int = 8) -> int:
    """Turn some of the article's demo comments into replies (two levels deep), like a few
    and feature one. Returns the number of replies made."""
    comments = list(
        Comment.objects.filter(
            page=article, status=CommentStatus.VISIBLE, parent__isnull=True
        ).order_by("-created_at", "-pk")[: threads * 4]
    )
    comments.reverse()  # oldest first, so a reply is always younger than what it answers
    replies = 0
    for start in range(0, len(comments) - 3, 4):
        root, first, second, third = comments[start : start + 4]
        for reply, parent in ((first, root), (second, first), (third, root)):
            reply.parent = parent
            reply.root = root
            reply.body = rng.choice(DEMO_REPLIES)
            reply.depth = 1 if parent is root else 2
            reply.save(update_fields=["parent", "root", "depth", "body"])
            replies += 1
    likes = []
    for comment in comments:
        fans = [r for r in rng.sample(readers, rng.randint(0, 6)) if r.pk != comment.author_id]
        likes += [CommentLike(comment=comment, user=fan) for fan in fans]
        comment.like_count = len(fans)
    CommentLike.objects.bulk_create(likes, ignore_conflicts=True)
    Comment.objects.bulk_update(comments, ["like_count"])
    if comments:
        best = max(comments[:-1] or comments, key=lambda c: (c.like_count, c.pk))
        best.is_featured = True
        best.featured_at = timezone.now()
        best.save(update_fields=["is_featured", "featured_at"])
    return replies
