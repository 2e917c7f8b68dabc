"""`make run` prints the admin login at the address it serves, and creates one admin only."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command


def test_admin_login_is_printed_at_the_served_address(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("KOPBAL_BIND", "127.0.0.1:8765")
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    assert "Beheer: http://127.0.0.1:8765/admin/  login: admin  wachtwoord: " in first.getvalue()
    assert first.getvalue() == second.getvalue()  # the same login, not a new account
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
