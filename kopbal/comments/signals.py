"""Signals other apps listen to. A page cache (issue #7) purges the articles in `page_ids`
when this fires; it is sent after the transaction commits, never for a rolled-back change."""

from django.dispatch import Signal

# sender=Comment, page_ids=set[int]
comments_changed = Signal()
