"""``manage.py rotate_field_keys``: re-encrypt every encrypted field and file under the newest key.

Put the new key first in SCHAKEL_FIELD_KEYS (keep the old ones after it), run this command,
then remove the old keys. Works in batches over the primary key; a value already under the
newest key is left alone, so running it twice changes nothing.

Encrypted files (models that name them in ``ENCRYPTED_FILE_FIELDS``, e.g. sharing.Attachment)
are written under a new name and the row points to it in one transaction; the old file goes
once that transaction has committed. A crash in between leaves at most an unreferenced copy
in ciphertext, never a row without its file.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from schakel.core.crypto import is_current, rotate_bytes, rotate_text
from schakel.core.fields import PREFIX, EncryptedTextField


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def rotate_field(model: type[models.Model], name: str, batch_size: int) -> int:
    """Re-encrypt one column; returns how many values changed."""
    changed = 0
    last_pk: Any = None
    manager = model._default_manager
    while True:
        qs = manager.order_by("pk")
        if last_pk is not None:
            qs = qs.filter(pk__gt=last_pk)
        # Cast: read the stored token, not the decrypted text.
        rows = list(
            qs.annotate(_raw=Cast(name, models.TextField())).values_list("pk", "_raw")[:batch_size]
        )
        if not rows:
            return changed
        with transaction.atomic():
            for pk, raw in rows:
                if not raw or not raw.startswith(PREFIX) or is_current(raw[len(PREFIX) :]):
                    continue
                new = PREFIX + rotate_text(raw[len(PREFIX) :])
                manager.filter(pk=pk).update(**{name: models.Value(new, models.TextField())})
                changed += 1
        last_pk = rows[-1][0]


def encrypted_file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, name)
        for model in apps.get_models()
        for name in getattr(model, "ENCRYPTED_FILE_FIELDS", ())
    ]


def rotate_files(model: type[models.Model], name: str, batch_size: int) -> int:
    """Re-encrypt the files of one file field; returns how many files changed."""
    changed = 0
    last_pk: Any = None
    manager = model._default_manager
    while True:
        qs = manager.order_by("pk")
        if last_pk is not None:
            qs = qs.filter(pk__gt=last_pk)
        rows = list(qs.values_list("pk", name)[:batch_size])
        if not rows:
            return changed
        for pk, stored in rows:
            if not stored:
                continue
            with default_storage.open(stored, "rb") as handle:
                token = handle.read()
            if is_current(token.decode()):
                continue
            new_name = default_storage.save(stored, ContentFile(rotate_bytes(token)))
            with transaction.atomic():
                manager.filter(pk=pk).update(**{name: new_name})
                transaction.on_commit(partial(default_storage.delete, stored))
            changed += 1
        last_pk = rows[-1][0]


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field and file with the newest key in SCHAKEL_FIELD_KEYS."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        for model, name in encrypted_fields():
            n = rotate_field(model, name, options["batch_size"])
            self.stdout.write(f"{model._meta.label}.{name}: {n} re-encrypted")
        for model, name in encrypted_file_fields():
            n = rotate_files(model, name, options["batch_size"])
            self.stdout.write(f"{model._meta.label}.{name} (files): {n} re-encrypted")
