"""Reader forms. Length and emptiness are checked on the cleaned text, so a form error
always tells the reader what the server would store."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import CommentError, validate_body
from .choices import BanDuration, ReportReason
from .rules import MAX_LENGTH


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Je reactie"))
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={"rows": 4, "data-max-length": MAX_LENGTH, "class": "comment-form__text"}
            ),
        )
        kwargs.setdefault("strip", False)
        kwargs.setdefault("error_messages", {"required": _("Je reactie is leeg.")})
        super().__init__(**kwargs)

    def to_python(self, value):
        # NUL bytes are junk, not an error the reader could understand: drop them before
        # Django's null-character validator sees them.
        return super().to_python(value.replace("\x00", "") if isinstance(value, str) else value)

    def clean(self, value):
        value = super().clean(value)
        try:
            return validate_body(value)
        except CommentError as error:
            raise forms.ValidationError(error.message) from error


class CommentForm(forms.Form):
    body = BodyField()
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class EditForm(forms.Form):
    body = BodyField()


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meld je deze reactie?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden."), "invalid_choice": _("Kies een reden.")},
    )
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LikeForm(forms.Form):
    liked = forms.TypedChoiceField(
        choices=[("1", "like"), ("0", "unlike")],
        coerce=lambda v: v == "1",
        required=False,
        empty_value=None,
    )


# --- moderators -------------------------------------------------------------------------


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (voor het logboek)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(ModerationReasonForm):
    reason = forms.CharField(
        label=_("Reden (voor het logboek)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een reden voor het logboek.")},
    )


class BanForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (de lezer krijgt ze te zien)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een reden: de lezer krijgt ze te zien.")},
    )
    duration = forms.ChoiceField(
        label=_("Hoe lang"), choices=BanDuration.choices, initial=BanDuration.WEEK
    )

    @property
    def days(self) -> int:
        return int(self.cleaned_data["duration"])
