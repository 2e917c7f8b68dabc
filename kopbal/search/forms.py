"""The search form: the query words and the filters, as they appear in the URL."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SORT_RELEVANCE = "relevantie"
SORT_DATE = "datum"
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class SearchForm(forms.Form):
    """Every field is optional; a value that cannot be understood is a 400 with a reason."""

    q = forms.CharField(label=_("Zoek in alle artikels"), required=False, strip=True)
    rubriek = forms.ChoiceField(label=_("Rubriek"), required=False)
    club = forms.CharField(
        label=_("Club"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": _("Die clubnaam is te lang.")},
    )
    persoon = forms.CharField(
        label=_("Persoon"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": _("Die naam is te lang.")},
    )
    van = forms.DateField(
        label=_("Van"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Geef de datum als jjjj-mm-dd, bijvoorbeeld 2026-05-17.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Geef de datum als jjjj-mm-dd, bijvoorbeeld 2026-05-17.")},
    )
    sorteer = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Relevantie")), (SORT_DATE, _("Nieuwste eerst"))],
    )
    pagina = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Het paginanummer moet een getal zijn.")},
    )

    def __init__(self, *args, sections: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubriek"].choices = [("", _("Alle rubrieken")), *sections]
        self.fields["rubriek"].error_messages["invalid_choice"] = _(
            "Die rubriek bestaat niet (meer)."
        )
        self.fields["sorteer"].error_messages["invalid_choice"] = _(
            "Sorteren kan op relevantie of op datum."
        )

    def _clean_day(self, name: str):
        day = self.cleaned_data.get(name)
        if day is not None and not (1900 <= day.year <= 2100):
            raise forms.ValidationError(_("Kies een datum tussen 1900 en 2100."))
        return day

    def clean_van(self):
        return self._clean_day("van")

    def clean_tot(self):
        return self._clean_day("tot")

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data

    @property
    def query_too_long(self) -> bool:
        return len(self.cleaned_data.get("q") or "") > settings.KOPBAL_SEARCH_MAX_LENGTH

    @property
    def has_filters(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in ("rubriek", "club", "persoon", "van", "tot"))
