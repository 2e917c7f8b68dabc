"""Forms of the transfer tracker: the readers' window filters and the editors' forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput, AdminPageChooser

from kopbal.football.models import Club

from .actions import Step
from .choices import Kind, Status
from .models import Medium, Transfer


class WindowFilterForm(forms.Form):
    """`?club=anderlecht&status=officieel&soort=huur` on a window page."""

    club = forms.ModelChoiceField(
        label=_("Club"),
        queryset=Club.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle clubs"),
        error_messages={"invalid_choice": _("Deze club kennen we niet.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Status.choices],
        error_messages={"invalid_choice": _("Deze status bestaat niet.")},
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *Kind.choices],
        error_messages={"invalid_choice": _("Deze soort transfer bestaat niet.")},
    )

    def apply(self, transfers):
        data = self.cleaned_data
        if data.get("club"):
            transfers = transfers.for_club(data["club"])
        if data.get("status"):
            transfers = transfers.filter(status=data["status"])
        if data.get("soort"):
            transfers = transfers.filter(kind=data["soort"])
        return transfers


class StepFields(forms.Form):
    """What every step carries: when, who reported it, our article or live-blog update."""

    medium = forms.ModelChoiceField(
        label=_("Bron"),
        queryset=Medium.objects.all(),
        required=False,
        empty_label=_("De clubs zelf / onze redactie"),
        help_text=_("Welk medium meldt dit? De betrouwbaarheid komt bij de bron te staan."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    at = forms.DateTimeField(
        label=_("Wanneer"), required=False, widget=AdminDateTimeInput, help_text=_("Leeg: nu.")
    )
    source_article = forms.ModelChoiceField(
        label=_("Ons artikel hierover"),
        required=False,
        queryset=None,
        widget=AdminPageChooser(target_models=["news.ArticlePage"]),
    )
    source_entry = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def _init_sources(self) -> None:
        from kopbal.news.models import ArticlePage

        self.fields["source_article"].queryset = ArticlePage.objects.all()

    def clean_source_entry(self):
        from kopbal.liveblogs.models import LiveBlogEntry

        value = self.cleaned_data.get("source_entry")
        if value is None:
            return None
        entry = LiveBlogEntry.objects.visible().filter(pk=value).first()
        if entry is None:
            raise forms.ValidationError(_("Deze liveblog-update bestaat niet (meer)."))
        return entry

    def step(self, status: str) -> Step:
        data = self.cleaned_data
        return Step(
            status=status,
            medium=data.get("medium"),
            note=data.get("note", ""),
            reason=data.get("reason", "") or "",
            at=data.get("at"),
            article=data.get("source_article"),
            entry=data.get("source_entry"),
        )


class StatusForm(StepFields):
    """The next step of an existing transfer."""

    status = forms.ChoiceField(
        label=_("Nieuwe status"), choices=Status.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als een officiële transfer niet doorgaat of teruggedraaid wordt."),
    )

    field_order = ["status", "medium", "note", "reason", "at", "source_article"]

    def __init__(self, *args, transfer: Transfer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._init_sources()
        self.transfer = transfer
        self.fields["status"].initial = transfer.status


class TransferAdminForm(WagtailAdminModelForm):
    """The transfer's data (the status moves through its own form)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "player" in self.fields:
            self.fields["player"].error_messages["invalid_choice"] = _(
                "Deze speler kennen we niet. Voeg hem eerst toe bij Voetbal > Personen."
            )
        for name in ("from_club", "to_club"):
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = _(
                    "Deze club kennen we niet. Voeg ze eerst toe bij Voetbal > Clubs."
                )


class TransferCreateForm(TransferAdminForm):
    """A new transfer with its first step: the status it starts in and who reported it."""

    initial_status = forms.ChoiceField(
        label=_("Status"), choices=Status.choices, initial=Status.RUMOUR
    )
    medium = StepFields.base_fields["medium"]
    note = StepFields.base_fields["note"]
    at = StepFields.base_fields["at"]
    source_article = forms.ModelChoiceField(
        label=_("Ons artikel hierover"),
        required=False,
        queryset=None,
        widget=AdminPageChooser(target_models=["news.ArticlePage"]),
    )
    source_entry = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        StepFields._init_sources(self)

    clean_source_entry = StepFields.clean_source_entry

    def clean(self):
        cleaned = super().clean()
        # The instance is validated by the model's clean() with the status it will start in.
        self.instance.status = cleaned.get("initial_status") or Status.RUMOUR
        if self.instance.status == Status.OFFICIAL and not cleaned.get("to_club"):
            self.add_error("to_club", _("Een officiële transfer heeft een nieuwe club."))
        return cleaned

    def _post_clean(self) -> None:
        self.instance.status = self.cleaned_data.get("initial_status") or Status.RUMOUR
        super()._post_clean()

    def step(self) -> Step:
        data = self.cleaned_data
        return Step(
            status=data["initial_status"],
            medium=data.get("medium"),
            note=data.get("note", ""),
            at=data.get("at"),
            article=data.get("source_article"),
            entry=data.get("source_entry"),
        )
