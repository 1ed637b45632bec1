"""Login with and without the second factor, lock-out, session expiry, disabling an account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from schakel.accounts.middleware import AUTH_AT, LAST_SEEN
from schakel.accounts.services import user_disable
from schakel.audit.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # now, the middle of the tolerance window
    return format_hotp_value(hotp_value(secret, counter))


def test_login_page_speaks_dutch(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Inloggen" in response.content.decode()
    assert 'lang="nl"' in response.content.decode()


def test_wrong_password_gets_a_dutch_message_and_is_audited(client: Client, kees) -> None:
    response = client.post("/accounts/login/", {"login": "kees", "password": "fout"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "gebruikersnaam en/of wachtwoord zijn incorrect" in body
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).get()
    assert failed.user_id == kees.pk
    assert failed.outcome == "denied"


def test_login_without_second_factor_when_not_required(client: Client, kees, no_2fa) -> None:
    response = client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Mijn werk" in home.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, user_id=kees.pk).count() == 1


def test_required_second_factor_forces_setup_first(client: Client, kees) -> None:
    client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["type"].endswith("/two-factor-required")


def test_login_with_totp_second_factor(client: Client, kees) -> None:
    secret = generate_totp_secret()
    TOTP.activate(kees, secret)
    response = client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Not signed in yet: the home page sends us back to the login.
    assert client.get("/").status_code == 302

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Ongeldige code" in wrong.content.decode()

    cache.clear()
    ok = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert ok.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Kees Hendriks" in home.content.decode()


def test_totp_secret_is_stored_encrypted(kees) -> None:
    secret = generate_totp_secret()
    authenticator = TOTP.activate(kees, secret).instance
    authenticator.refresh_from_db()
    assert secret not in str(authenticator.data)


def test_lock_out_after_repeated_failures(client: Client, kees, daan, no_2fa) -> None:
    for _ in range(5):  # AXES_FAILURE_LIMIT
        client.post("/accounts/login/", {"login": "kees", "password": "fout"})
    locked = client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Account tijdelijk geblokkeerd" in locked.content.decode()
    assert client.get("/").status_code == 302  # still not signed in
    # The lock is per username and address: a colleague at the same desk can still log in.
    other = client.post("/accounts/login/", {"login": "daan", "password": PASSWORD})
    assert other.status_code == 302 and other["Location"] == "/"


def test_idle_session_expires(login_client, kees) -> None:
    client = login_client(kees)
    session = client.session
    session[LAST_SEEN] = (timezone.now() - timedelta(minutes=16)).timestamp()
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302


def test_absolute_session_limit(login_client, kees) -> None:
    client = login_client(kees)
    session = client.session
    session[AUTH_AT] = (timezone.now() - timedelta(hours=8, minutes=1)).timestamp()
    session.save()
    assert client.get("/").status_code == 302


def test_active_session_survives(login_client, kees) -> None:
    client = login_client(kees)
    session = client.session
    session[LAST_SEEN] = (timezone.now() - timedelta(minutes=14)).timestamp()
    session.save()
    assert client.get("/").status_code == 200


def test_disabling_an_account_logs_out_everywhere(login_client, kees) -> None:
    first, second = login_client(kees), login_client(kees)
    assert first.get("/").status_code == 200
    ended = user_disable(user=kees)
    assert ended == 2
    assert first.get("/").status_code == 302
    assert second.get("/").status_code == 302


def test_logout_is_audited(login_client, kees) -> None:
    client = login_client(kees)
    client.post("/accounts/logout/")
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, user_id=kees.pk).exists()
    assert client.get("/").status_code == 302


def test_signup_is_closed(client: Client) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "x", "password1": "a" * 20, "password2": "a" * 20}
    )
    assert response.status_code == 200
    from schakel.accounts.models import User

    assert not User.objects.filter(username="x").exists()


def test_login_with_a_recovery_code_once(client: Client, kees) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    TOTP.activate(kees, generate_totp_secret())
    codes = RecoveryCodes.activate(kees).get_unused_codes()
    client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    ok = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    # A used recovery code does not work a second time.
    client.post("/accounts/login/", {"login": "kees", "password": PASSWORD})
    again = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert again.status_code == 200
    assert "Ongeldige code" in again.content.decode()
