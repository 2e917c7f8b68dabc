"""Reader polls: a question with 2 to 8 answers, and every vote as its own row.

Votes are rows (when, which answer, the account or a salted hash of the anonymous
voter's key, a salted hash of the address) rather than counters, so that results can be
recounted at any time and a wave of fraud can be discarded afterwards without touching
the honest votes. No raw IP address is ever stored.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from .choices import PollState, VoteStatus

MIN_ANSWERS = 2
MAX_ANSWERS = 8


class PollQuerySet(models.QuerySet):
    def with_answers(self) -> PollQuerySet:
        """Polls with their answers in one extra query, however many polls."""
        return self.prefetch_related("answers")

    def with_vote_total(self) -> PollQuerySet:
        return self.annotate(vote_total=Count("votes", filter=Q(votes__status=VoteStatus.COUNTED)))


class PollAdminForm(WagtailAdminModelForm):
    """Refuses to delete an answer that already has votes: that would destroy votes."""

    def clean(self):
        cleaned = super().clean()
        formset = getattr(self, "formsets", {}).get("answers")
        if formset is not None and self.instance.pk and formset.is_valid():
            doomed = [form.instance.pk for form in formset.deleted_forms if form.instance.pk]
            if doomed and Vote.objects.filter(answer_id__in=doomed).exists():
                raise ValidationError(
                    _(
                        "Op een antwoord dat je wilt verwijderen is al gestemd. Pas de tekst "
                        "aan of sluit de peiling en maak een nieuwe."
                    )
                )
        return cleaned


class Poll(RevisionMixin, ClusterableModel, index.Indexed):
    """A question readers answer with one click; placed in articles or on the home page."""

    question = models.CharField(_("vraag"), max_length=200)
    opens_at = models.DateTimeField(
        _("open vanaf"), null=True, blank=True, help_text=_("Leeg: meteen open.")
    )
    closes_at = models.DateTimeField(
        _("sluit op"), null=True, blank=True, help_text=_("Leeg: blijft open.")
    )
    requires_account = models.BooleanField(
        _("alleen met een account"),
        default=False,
        help_text=_("Aangevinkt: wie niet ingelogd is, kan niet stemmen."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)

    objects = PollQuerySet.as_manager()

    base_form_class = PollAdminForm
    panels = [
        FieldPanel("question"),
        InlinePanel(
            "answers",
            label=_("Antwoorden"),
            min_num=MIN_ANSWERS,
            max_num=MAX_ANSWERS,
            heading=_("Antwoorden (2 tot 8)"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Wanneer"),
        ),
        FieldPanel("requires_account"),
    ]
    search_fields = [index.SearchField("question"), index.AutocompleteField("question")]

    class Meta:
        verbose_name = _("peiling")
        verbose_name_plural = _("peilingen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("De peiling moet sluiten na ze opent.")})

    def state(self, now: datetime | None = None) -> PollState:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return PollState.UPCOMING
        if self.closes_at and now >= self.closes_at:
            return PollState.CLOSED
        return PollState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == PollState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state() == PollState.CLOSED

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("polls:detail", args=[self.pk])

    @property
    def answer_list(self) -> list[Answer]:
        """The answers in the editor's order: preloaded by load_polls(), else one query."""
        if "_answer_list" not in self.__dict__:
            self.__dict__["_answer_list"] = list(self.answers.all())
        return self.__dict__["_answer_list"]


POLL_CACHE_SECONDS = 3600


def poll_cache_key(poll_id: int) -> str:
    return f"kopbal:poll:{poll_id}:v1"


def load_polls(ids) -> dict[int, Poll]:
    """Polls with their answers, for the article and home pages: from the cache (cleared
    when an editor saves or deletes the poll, see signals.py), else in a single query with
    each answer joined to its poll, however many polls the page shows."""
    ids = list(dict.fromkeys(i for i in ids if i is not None))
    if not ids:
        return {}
    try:
        found = cache.get_many([poll_cache_key(i) for i in ids])
    except Exception:  # noqa: BLE001 - no cache: the database answers
        found = {}
    polls: dict[int, Poll] = {}
    for poll_id in ids:
        poll = found.get(poll_cache_key(poll_id))
        if poll is not None:
            polls[poll_id] = poll
    missing = [i for i in ids if i not in polls]
    if missing:
        loaded: dict[int, Poll] = {}
        answers = Answer.objects.filter(poll_id__in=missing).select_related("poll")
        for answer in answers.order_by("poll_id", "sort_order", "pk"):
            poll = loaded.setdefault(answer.poll_id, answer.poll)
            poll.__dict__.setdefault("_answer_list", []).append(answer)
            answer.poll = poll
        with contextlib.suppress(Exception):  # no cache: the database answers next time too
            cache.set_many({poll_cache_key(i): p for i, p in loaded.items()}, POLL_CACHE_SECONDS)
        polls.update(loaded)
    return polls


class Answer(Orderable):
    poll = ParentalKey(Poll, related_name="answers", on_delete=models.CASCADE)
    text = models.CharField(_("antwoord"), max_length=120)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    """One reader's vote. Either `user` or `voter_hash` says who; both are unique per poll."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("peiling"), on_delete=models.CASCADE, related_name="votes"
    )
    # RESTRICT: an answer with votes cannot take its votes with it, but deleting the whole
    # poll (which deletes its votes too) is allowed.
    answer = models.ForeignKey(
        Answer, verbose_name=_("antwoord"), on_delete=models.RESTRICT, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lezer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_votes",
    )
    voter_hash = models.CharField(
        _("anonieme stemmer (gehasht)"), max_length=64, blank=True, editable=False
    )
    address_hash = models.CharField(
        _("adres (gehasht)"), max_length=64, blank=True, editable=False, db_index=True
    )
    created_at = models.DateTimeField(_("gestemd op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=VoteStatus.choices, default=VoteStatus.COUNTED
    )

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="poll_one_vote_per_account",
            ),
            models.UniqueConstraint(
                fields=["poll", "voter_hash"],
                condition=~Q(voter_hash=""),
                name="poll_one_vote_per_voter",
            ),
        ]
        indexes = [
            # The results: counted votes per answer of one poll, an index-only scan.
            models.Index(fields=["poll", "status", "answer"], name="poll_vote_count_idx"),
            models.Index(fields=["poll", "created_at"], name="poll_vote_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.answer_id}"
