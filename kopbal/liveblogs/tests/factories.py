"""Live blogs and entries for tests (and the demo): a few rows, straight to the database."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from kopbal.liveblogs.actions import render_body
from kopbal.liveblogs.models import LiveBlogEntry, LiveBlogPage


def publish_blog(
    section,
    title: str = "Deadline day: alle transfers live",
    lead: str = "De transfermarkt sluit vanavond om middernacht.",
) -> LiveBlogPage:
    blog = LiveBlogPage(title=title, lead=lead)
    section.add_child(instance=blog)
    blog.save_revision().publish()
    blog.refresh_from_db()
    return blog


def add_entries(blog: LiveBlogPage, n: int, *, start=None, **fields) -> list[LiveBlogEntry]:
    """`n` entries a minute apart, the last one newest (bulk: one INSERT)."""
    start = start or timezone.now() - timedelta(minutes=n + 1)
    rows = []
    for i in range(n):
        body = f"<p>Update {i}: nieuws van de transfermarkt.</p>"
        at = start + timedelta(minutes=i)
        rows.append(
            LiveBlogEntry(
                blog=blog,
                posted_at=at,
                body=body,
                body_html=render_body(body),
                created_at=at,
                updated_at=at,
                **fields,
            )
        )
    return LiveBlogEntry.objects.bulk_create(rows)


def draftail(text: str) -> str:
    """The rich text editor's POST value for one paragraph of plain text."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
