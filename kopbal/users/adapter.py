"""How allauth fits kopbal: the display name is set with the account, and mail goes
through Django's e-mail backend (console by default, SMTP from the settings)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.db import IntegrityError, transaction


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        name = form.cleaned_data.get("display_name")
        if name:
            user.display_name = name
        if commit:
            for attempt in range(2, 12):
                try:
                    with transaction.atomic():
                        user.save()
                    break
                except IntegrityError:
                    if not name:
                        raise
                    # Two sign-ups raced for the same name: the later one gets a number
                    # (changeable on the profile page) instead of an error page.
                    user.display_name = f"{name[:36]} {attempt}"
        return user
