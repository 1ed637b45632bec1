"""The installer's commands: setup_house and user_create."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from schakel.accounts.models import User
from schakel.parties.models import Covenant, Party

pytestmark = pytest.mark.django_db


def test_setup_house_is_idempotent() -> None:
    args = [
        "--name",
        "Zorg- en Veiligheidshuis Testregio",
        "--covenant-title",
        "Convenant",
        "--signed-on",
        "2024-01-15",
    ]
    call_command("setup_house", *args)
    call_command("setup_house", *args)
    house = Party.objects.get()
    assert house.kind == "house" and house.slug == "zorg-en-veiligheidshuis-testregio"
    assert Covenant.objects.count() == 1


def test_user_create_asks_password_and_grants_roles(monkeypatch, house) -> None:
    answers = iter(["een-heel-lang-wachtwoord-42", "een-heel-lang-wachtwoord-42"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command(
        "user_create",
        "femke",
        "--party",
        "zvh",
        "--role",
        "functional_administrator",
        "--role",
        "privacy_officer",
    )
    user = User.objects.get(username="femke")
    assert user.check_password("een-heel-lang-wachtwoord-42")
    assert set(user.role_assignments.values_list("role", flat=True)) == {
        "functional_administrator",
        "privacy_officer",
    }


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (["kort", "kort"], "te kort|too short"),
        (["een-heel-lang-wachtwoord-42", "anders"], "differ"),
    ],
)
def test_user_create_refuses_bad_passwords(monkeypatch, house, answers, message) -> None:
    it = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(it))
    with pytest.raises(CommandError, match=message):
        call_command("user_create", "femke", "--party", "zvh", "--role", "manager")
    assert not User.objects.filter(username="femke").exists()


def test_user_create_unknown_party(house) -> None:
    with pytest.raises(CommandError, match="No party"):
        call_command("user_create", "x", "--party", "bestaat-niet", "--role", "manager")
