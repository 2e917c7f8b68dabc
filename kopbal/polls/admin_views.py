"""The votes behind a poll, for editors: results, votes per hour, the addresses that vote
most, and discarding (or restoring) a wave of fraud. Each change goes in Wagtail's log."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncHour
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .actions import do_discard_votes, do_restore_votes
from .choices import VoteStatus
from .models import Poll, Vote
from .results import count_votes, results_for

TOP_ADDRESSES = 15
HISTORY_HOURS = 72


class VoteSelectionForm(forms.Form):
    """Which votes to discard or restore: one address, a time span, or both."""

    action = forms.ChoiceField(choices=[("discard", "discard"), ("restore", "restore")])
    address_hash = forms.RegexField(
        label=gettext_lazy("Adres (gehasht)"),
        regex=r"^[0-9a-f]{8,64}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Geen geldige adreshash.")},
    )
    since = forms.DateTimeField(
        label=gettext_lazy("Vanaf"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    until = forms.DateTimeField(
        label=gettext_lazy("Tot"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(label=gettext_lazy("Reden"), max_length=200)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("address_hash") or cleaned.get("since") or cleaned.get("until")):
            raise forms.ValidationError(_("Kies een adres, een periode of allebei."))
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until <= since:
            raise forms.ValidationError(_("Het einde van de periode ligt voor het begin."))
        return cleaned

    def selection(self, poll: Poll):
        votes = Vote.objects.filter(poll=poll)
        data = self.cleaned_data
        if data.get("address_hash"):
            votes = votes.filter(address_hash=data["address_hash"])
        if data.get("since"):
            votes = votes.filter(created_at__gte=data["since"])
        if data.get("until"):
            votes = votes.filter(created_at__lt=data["until"])
        return votes


class PollVotesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "polls_admin/votes.html"
    header_icon = "list-ul"
    page_title = gettext_lazy("Stemmen")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("polls.change_poll"):
            raise PermissionDenied
        self.poll = get_object_or_404(Poll.objects.with_answers(), pk=kwargs["poll_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.poll.question

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_polls_poll:list"), "label": _("Peilingen")},
            {
                "url": reverse("wagtailsnippets_polls_poll:edit", args=[self.poll.pk]),
                "label": self.poll.question,
            },
            {"url": "", "label": _("Stemmen")},
        ]

    def get_context_data(self, form: VoteSelectionForm | None = None, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        poll = self.poll
        votes = Vote.objects.filter(poll=poll)
        since = timezone.now() - timedelta(hours=HISTORY_HOURS)
        per_hour = list(
            votes.filter(created_at__gte=since)
            .annotate(hour=TruncHour("created_at"))
            .values("hour")
            .annotate(
                counted=Count("pk", filter=Q(status=VoteStatus.COUNTED)),
                discarded=Count("pk", filter=Q(status=VoteStatus.DISCARDED)),
            )
            .order_by("-hour")
        )
        busiest = max((row["counted"] + row["discarded"] for row in per_hour), default=0)
        for row in per_hour:
            row["width"] = round(100 * (row["counted"] + row["discarded"]) / busiest)
        addresses = list(
            votes.exclude(address_hash="")
            .values("address_hash")
            .annotate(
                total=Count("pk"),
                counted=Count("pk", filter=Q(status=VoteStatus.COUNTED)),
                first=Min("created_at"),
                last=Max("created_at"),
            )
            .filter(total__gt=1)
            .order_by("-total")[:TOP_ADDRESSES]
        )
        context.update(
            poll=poll,
            results=results_for(poll, count_votes(poll.pk)),
            discarded=votes.filter(status=VoteStatus.DISCARDED).count(),
            per_hour=per_hour,
            addresses=addresses,
            form=form or VoteSelectionForm(initial={"action": "discard"}),
            history_hours=HISTORY_HOURS,
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = VoteSelectionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        act = do_discard_votes if form.cleaned_data["action"] == "discard" else do_restore_votes
        changed = act(
            self.poll,
            form.selection(self.poll),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if form.cleaned_data["action"] == "discard":
            messages.success(request, _("%(n)s stemmen geschrapt.") % {"n": changed})
        else:
            messages.success(request, _("%(n)s stemmen opnieuw geteld.") % {"n": changed})
        return redirect("wagtailsnippets_polls_poll:votes", poll_id=self.poll.pk)
