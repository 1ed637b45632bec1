"""A process director logs in (without and with the second factor) and walks the Dutch shell."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.accounts.test_login import current_code
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_process_director_walks_the_shell(visit, anouk, house, no_2fa) -> None:
    v = visit()
    v.login("anouk")
    page = v.page
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn werk"
    assert "Anouk Jansen" in page.inner_text("main")
    page.get_by_role("link", name="Partijen", exact=True).click()
    v.check()
    assert page.get_by_role("heading", level=1).inner_text() == "Partijen"
    page.get_by_role("link", name="Stichting Dimence").click()
    v.check()
    assert "Zorgdomein" in page.inner_text("main")
    v.screenshot("party-page")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/accounts/login/")
    v.check()


def test_wrong_password_shows_dutch_error(visit, kees, no_2fa) -> None:
    v = visit()
    v.login("kees", password="verkeerd-wachtwoord")
    assert "incorrect" in v.page.inner_text("main")
    v.check()


def test_login_with_second_factor_in_the_browser(visit, kees, settings) -> None:
    settings.SCHAKEL_REQUIRE_2FA = True
    secret = generate_totp_secret()
    TOTP.activate(kees, secret)
    v = visit()
    v.login("kees")
    page = v.page
    assert "/accounts/2fa/authenticate/" in page.url
    page.get_by_label("Code").fill(current_code(secret))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state("load")
    v.check()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn werk"


def test_user_without_second_factor_is_sent_to_set_it_up(visit, kees, settings) -> None:
    settings.SCHAKEL_REQUIRE_2FA = True
    v = visit()
    v.login("kees")
    page = v.page
    # allauth asks for the password once more before a second factor can be added.
    assert "/accounts/reauthenticate/" in page.url
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    v.check()
    assert page.locator("img.schakel-qr").is_visible()


def test_enrol_authenticator_then_recovery_codes(visit, kees, settings) -> None:
    """First login in production posture: set up TOTP, see recovery codes, then work."""
    from allauth.mfa.models import Authenticator

    settings.SCHAKEL_REQUIRE_2FA = True
    v = visit()
    v.login("kees")
    page = v.page
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    v.check()
    assert Authenticator.objects.filter(user=kees, type="totp").exists()
    v.goto("/accounts/2fa/")
    v.goto("/accounts/2fa/recovery-codes/generate/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    v.check()
    assert Authenticator.objects.filter(user=kees, type="recovery_codes").exists()
    home = v.goto("/")
    assert home.get_by_role("heading", level=1).inner_text() == "Mijn werk"
