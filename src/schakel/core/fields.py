"""Model fields that keep their content encrypted at rest (keys apart from SECRET_KEY).

`EncryptedTextField` stores a Fernet token (core/crypto.py) and gives back plain text. The
column can never be searched or indexed; `manage.py rotate_field_keys` re-encrypts every
value under the newest key.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from schakel.core.crypto import decrypt_text, encrypt_text

PREFIX = "enc1:"
"""Marks a stored token, so a value is never encrypted twice or shown undecrypted."""


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("db_index") or kwargs.get("unique"):
            raise ValueError("an encrypted field cannot be indexed")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value
        return decrypt_text(value[len(PREFIX) :])

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return PREFIX + encrypt_text(str(value))
