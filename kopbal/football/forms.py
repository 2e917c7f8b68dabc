"""The article edit form: the editor's choices on suggested tags and `Lees ook` articles.

The suggestions panel (panels.py) keeps three hidden fields up to date from the editor's
clicks: the suggestions accepted since the form was opened, the full list of rejected ones,
and the `Lees ook` articles picked. Saving the form applies them to the article in memory, so
that they go into the revision being saved; publishing (or submitting for moderation) with
`apply_tag_suggestions` checked also adds whatever the tagger finds and the editor did not
reject. The checkbox itself is remembered per article by the `after_*_page` hooks.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class ArticlePageForm(WagtailAdminPageForm):
    tags_accepted = forms.CharField(required=False, widget=forms.HiddenInput)
    tags_rejected = forms.CharField(required=False, widget=forms.HiddenInput)
    related_accepted = forms.CharField(required=False, widget=forms.HiddenInput)
    apply_tag_suggestions = forms.BooleanField(
        label=_("Voorgestelde clubs en personen toevoegen bij publiceren"),
        help_text=_("Behalve wat je negeert. Je ziet ze daarna gewoon in de lijsten hieronder."),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .actions import rejected_keys
        from .models import ArticleTaggingPreference

        if self.instance.pk:
            self.fields["tags_rejected"].initial = " ".join(
                f"{kind}:{pk}" for kind, pk in sorted(rejected_keys(self.instance))
            )
            preference = ArticleTaggingPreference.objects.filter(page=self.instance).first()
            if preference is not None:
                self.fields["apply_tag_suggestions"].initial = preference.apply_on_publish

    def _clean_keys(self, name: str) -> set[tuple[str, int]]:
        from .actions import parse_keys
        from .models import Club, Person

        try:
            keys = parse_keys(self.cleaned_data.get(name, ""))
        except ValueError as exc:
            raise forms.ValidationError(
                _("De voorgestelde tags zijn onleesbaar; laad de pagina opnieuw.")
            ) from exc
        clubs = {pk for kind, pk in keys if kind == "club"}
        people = {pk for kind, pk in keys if kind == "person"}
        if (
            len(clubs) != Club.objects.filter(pk__in=clubs).count()
            or len(people) != Person.objects.filter(pk__in=people).count()
        ):
            raise forms.ValidationError(
                _("Een voorgestelde club of persoon bestaat niet meer; laad de pagina opnieuw.")
            )
        return keys

    def clean_tags_accepted(self) -> set[tuple[str, int]]:
        return self._clean_keys("tags_accepted")

    def clean_tags_rejected(self) -> set[tuple[str, int]]:
        return self._clean_keys("tags_rejected")

    def clean_related_accepted(self) -> list[int]:
        from kopbal.news.models import ArticlePage

        raw = (self.cleaned_data.get("related_accepted") or "").split()
        if not all(part.isdigit() and len(part) < 19 for part in raw):
            raise forms.ValidationError(_("De gekozen artikels zijn onleesbaar."))
        ids = list(dict.fromkeys(int(part) for part in raw))
        if len(ids) != ArticlePage.objects.filter(pk__in=ids).count():
            raise forms.ValidationError(_("Een gekozen artikel bestaat niet meer."))
        return ids

    @property
    def publishing(self) -> bool:
        return any(action in self.data for action in PUBLISHING_ACTIONS)

    def save(self, commit: bool = True):
        from .actions import add_related, add_tags, apply_suggestions, set_rejected

        # ClusterForm.save(commit=False) puts the inline rows on the page in memory; we add
        # ours, then commit the same way ClusterForm does.
        page = super().save(commit=False)
        rejected = self.cleaned_data["tags_rejected"]
        accepted = self.cleaned_data["tags_accepted"] - rejected
        set_rejected(page, rejected)
        add_tags(page, sorted(accepted))
        add_related(page, self.cleaned_data["related_accepted"])
        apply = self.cleaned_data["apply_tag_suggestions"]
        if apply and self.publishing:
            apply_suggestions(page)
        if commit:
            page.save()
            self.save_m2m()
            if self.show_comments_toggle and self.subscription:
                self.subscription.save()
        return page
