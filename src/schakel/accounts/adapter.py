"""allauth adapter: accounts are created by the functional administrator, never by sign-up."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from schakel.core.crypto import decrypt_text, encrypt_text


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class MfaAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    """TOTP secrets are stored encrypted with the field keys, not in plain text."""

    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)


def axes_username(request: HttpRequest, credentials: dict[str, str] | None) -> str | None:
    """The username for django-axes: allauth's login form calls the field ``login``."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    return request.POST.get("login") or None
