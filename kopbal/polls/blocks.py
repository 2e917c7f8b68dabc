"""The poll as a StreamField block: editors pick a poll snippet, readers get the poll box."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock


class PollChooserBlock(SnippetChooserBlock):
    """A chosen poll; a deleted poll renders nothing. All polls of a body: one query."""

    def __init__(self, **kwargs):
        super().__init__("polls.Poll", **kwargs)

    def bulk_to_python(self, values):
        from .models import load_polls

        polls = load_polls(values)
        return [polls.get(v) for v in values]

    class Meta:
        icon = "list-ul"
        label = _("Peiling")
        template = "components/blocks/poll.html"
