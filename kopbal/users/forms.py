"""Reader account forms: the display name at sign-up and on the profile."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

RESERVED_NAMES = {"kopbal", "redactie", "moderator", "moderatie", "admin", "beheerder"}
_ALLOWED = re.compile(r"[\w .'\-]+")


def clean_display_name(value: str, *, exclude_pk: int | None = None) -> str:
    """A public name others can tell apart: no look-alike tricks, unique whatever the case."""
    value = " ".join(unicodedata.normalize("NFC", value or "").split())
    if len(value) < 3:
        raise forms.ValidationError(_("Kies een schermnaam van minstens 3 tekens."))
    if len(value) > 40:
        raise forms.ValidationError(_("Een schermnaam is hoogstens 40 tekens lang."))
    if any(unicodedata.category(ch)[0] == "C" for ch in value) or not _ALLOWED.fullmatch(value):
        raise forms.ValidationError(
            _("Gebruik alleen letters, cijfers, spaties, punten, apostrofs en streepjes.")
        )
    if value.casefold() in RESERVED_NAMES:
        raise forms.ValidationError(_("Deze naam is voorbehouden voor de redactie."))
    taken = get_user_model().objects.filter(display_name__iexact=value)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise forms.ValidationError(_("Deze schermnaam is al in gebruik. Kies een andere."))
    return value


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Schermnaam"),
        max_length=60,
        help_text=_("Deze naam zien andere lezers bij je reacties. Je kan hem later wijzigen."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        """allauth calls this after saving the user; the adapter already set the name."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["display_name"]
        labels = {"display_name": _("Schermnaam")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["display_name"].max_length = 60
        self.fields["display_name"].widget.attrs["maxlength"] = 60

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"], exclude_pk=self.instance.pk)
