"""Key rotation: every encrypted value ends up under the newest key; running twice is a no-op."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from schakel.core.crypto import _fernet
from schakel.core.fields import EncryptedTextField
from schakel.sharing.models import InformationItem

pytestmark = pytest.mark.django_db


def raw(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM sharing_informationitem WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotation_with_two_keys(settings, add_item, daan) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SCHAKEL_FIELD_KEYS = [old]
    items = [add_item(daan, content=f"Inhoud {n}") for n in range(5)]
    before = {i.pk: raw(i.pk) for i in items}
    settings.SCHAKEL_FIELD_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_field_keys", "--batch-size", "2", stdout=out)
    assert "sharing.InformationItem.content: 5 re-encrypted" in out.getvalue()
    for item in items:
        token = raw(item.pk)
        assert token != before[item.pk]
        assert Fernet(new.encode()).decrypt(token[5:].encode()).decode().startswith("Inhoud")
    settings.SCHAKEL_FIELD_KEYS = [new]  # the old key can go
    assert {i.content for i in InformationItem.objects.all()} == {f"Inhoud {n}" for n in range(5)}
    again = StringIO()
    call_command("rotate_field_keys", stdout=again)
    assert "0 re-encrypted" in again.getvalue()
    _fernet.cache_clear()


def test_an_encrypted_field_cannot_be_indexed() -> None:
    with pytest.raises(ValueError, match="cannot be indexed"):
        EncryptedTextField(db_index=True)


def test_attachment_files_are_rotated_too(  # type: ignore[no-untyped-def]
    settings, media, item, daan, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from schakel.accounts.selectors import actor_for
    from schakel.sharing.attachments import attachment_add
    from schakel.sharing.models import Attachment
    from tests.sharing.conftest import CTX

    old_keys = list(settings.SCHAKEL_FIELD_KEYS)  # the item fixture is under these
    new = Fernet.generate_key().decode()
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    attachment = attachment_add(
        actor=actor_for(daan),
        ctx=CTX,
        item_id=item.pk,
        upload=SimpleUploadedFile("verslag.pdf", pdf, content_type="application/pdf"),
    )
    old_path = Path(str(media)) / attachment.file.name
    settings.SCHAKEL_FIELD_KEYS = [new, *old_keys]
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate_field_keys", stdout=out)
    assert "sharing.Attachment.file (files): 1 re-encrypted" in out.getvalue()
    attachment = Attachment.objects.get(pk=attachment.pk)
    new_path = Path(str(media)) / attachment.file.name
    assert not old_path.exists()  # the old ciphertext is gone once the row points elsewhere
    assert Fernet(new.encode()).decrypt(new_path.read_bytes()) == pdf
    again = StringIO()
    call_command("rotate_field_keys", stdout=again)
    assert "sharing.Attachment.file (files): 0 re-encrypted" in again.getvalue()
    _fernet.cache_clear()
