"""Encryption at rest with keys apart from SECRET_KEY (MultiFernet: rotate by prepending a key).

SCHAKEL_FIELD_KEYS holds one or more Fernet keys, comma separated, newest first. Encrypting
uses the first; decrypting tries them all, so old values stay readable during a rotation.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=1)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.SCHAKEL_FIELD_KEYS)


def encrypt_text(plain: str) -> str:
    return _fernet(_keys()).encrypt(plain.encode()).decode()


def decrypt_text(token: str) -> str:
    return _fernet(_keys()).decrypt(token.encode()).decode()


def encrypt_bytes(plain: bytes) -> bytes:
    """Files at rest (sharing attachments): the same keys, the token as bytes."""
    return _fernet(_keys()).encrypt(plain)


def decrypt_bytes(token: bytes) -> bytes:
    return _fernet(_keys()).decrypt(token)


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt a file's ``token`` under the newest key."""
    return _fernet(_keys()).rotate(token)


def rotate_text(token: str) -> str:
    """Re-encrypt ``token`` under the newest key."""
    return _fernet(_keys()).rotate(token.encode()).decode()


def is_current(token: str) -> bool:
    """True when ``token`` is already encrypted under the newest key (nothing to rotate)."""
    try:
        Fernet(_keys()[0].encode()).decrypt(token.encode())
    except InvalidToken:
        return False
    return True
