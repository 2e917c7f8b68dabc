"""Reader accounts through django-allauth: sign up with a display name, confirm the e-mail,
log in by e-mail or username, reset the password, change the display name."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

User = get_user_model()


def signup(client, **overrides):
    data = {
        "email": "jana@example.com",
        "username": "jana",
        "display_name": "Jana uit Lier",
        "password1": "Kampioen-2026!",
        "password2": "Kampioen-2026!",
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_signup_confirm_and_log_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="jana")
    assert user.display_name == "Jana uit Lier"
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: not logged in yet.
    assert client.get("/reacties/status/").json()["authenticated"] is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Kopbal] Bevestig je e-mailadres"
    assert "Dag Jana uit Lier" in message.body
    confirm_url = link_in(message)
    page = client.get(confirm_url).content.decode()
    assert "Bevestig dat jana@example.com jouw e-mailadres is." in page
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified
    state = client.get("/reacties/status/").json()
    assert state["authenticated"] and state["user"]["name"] == "Jana uit Lier"


@pytest.mark.django_db
def test_signup_pages_are_dutch_and_inside_the_site(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "<title>Account maken | Kopbal</title>" in html
    assert 'class="site-header"' in html and "Schermnaam" in html
    assert "Inloggen" in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, error",
    [
        ("JANA UIT LIER", "Deze schermnaam is al in gebruik."),
        ("jo", "Kies een schermnaam van minstens 3 tekens."),
        ("Redactie", "Deze naam is voorbehouden voor de redactie."),
        ("Jan\u202eamirdA", "Gebruik alleen letters, cijfers, spaties"),
        ("<script>", "Gebruik alleen letters, cijfers, spaties"),
    ],
)
def test_display_names_are_unique_and_plain(client, name, error):
    signup(client)
    client.logout()
    response = signup(client, email="ander@example.com", username="ander", display_name=name)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(username="ander").exists()


@pytest.fixture
def verified(db):
    user = User.objects.create_user(
        "pieter", "pieter@example.com", "Kampioen-2026!", display_name="Pieter"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("login", ["pieter", "pieter@example.com", "PIETER@example.com"])
def test_log_in_by_username_or_email_and_log_out(client, verified, login):
    response = client.post("/accounts/login/", {"login": login, "password": "Kampioen-2026!"})
    assert response.status_code == 302
    assert client.get("/reacties/status/").json()["authenticated"] is True
    client.post("/accounts/logout/")
    assert client.get("/reacties/status/").json()["authenticated"] is False


def test_wrong_password_is_a_form_error(client, verified):
    response = client.post("/accounts/login/", {"login": "pieter", "password": "fout"})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()


def test_password_reset_by_email(client, verified):
    client.post("/accounts/password/reset/", {"email": "pieter@example.com"})
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "[Kopbal] Nieuw wachtwoord kiezen"
    url = link_in(mail.outbox[0])
    landed = client.get(url, follow=True)  # allauth moves the key into the session
    form_url = landed.redirect_chain[-1][0] if landed.redirect_chain else url
    response = client.post(
        form_url, {"password1": "Nieuw-Wachtwoord-9", "password2": "Nieuw-Wachtwoord-9"}
    )
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.check_password("Nieuw-Wachtwoord-9")


def test_account_page_changes_the_display_name(client, verified):
    client.force_login(verified)
    assert client.post("/accounts/profiel/", {"display_name": "Pieter Piraat"}).status_code == 302
    verified.refresh_from_db()
    assert verified.display_name == "Pieter Piraat"
    User.objects.create_user("ander", "a@example.com", "x", display_name="Bezet")
    response = client.post("/accounts/profiel/", {"display_name": "bezet"})
    assert response.status_code == 400
    assert "Deze schermnaam is al in gebruik." in response.content.decode()


def test_my_account_link_goes_to_login_or_account(client, verified):
    assert client.get("/lezers/ik/")["Location"] == "/accounts/login/"
    client.force_login(verified)
    assert client.get("/lezers/ik/")["Location"] == "/accounts/profiel/"
    assert client.get("/accounts/profiel/").status_code == 200
