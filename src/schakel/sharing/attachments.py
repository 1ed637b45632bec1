"""Files attached to an information item (issue #4 item 1), encrypted at rest.

* Accepted: PDF, PNG, JPEG, GIF, and office documents (Word, Excel, PowerPoint: OOXML and the
  old OLE2 formats; OpenDocument), up to SCHAKEL_ATTACHMENT_MAX_BYTES. The type is read from
  the file's first bytes (and, for ZIP-based office files, from the package's own manifest),
  never from its name or the browser's claim.
* Stored through Django's default storage (MEDIA_ROOT under SCHAKEL_VAR_DIR) under a random
  name, as MultiFernet ciphertext with the field keys (core.crypto): the file on disk is not
  readable without SCHAKEL_FIELD_KEYS. The uploader's file name is kept encrypted in the row.
* Read only through `attachment_get_for`: `decide_item(read)` of its item, one audit read event
  (per subject, like the item), 404 for anyone else, exactly like a missing file.
* Deleting an Attachment row (also by cascade from its item or case, e.g. the retention sweep)
  deletes its file once the transaction commits (the post_delete handler below).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.errors import InvalidInput
from schakel.core.crypto import decrypt_bytes, encrypt_bytes
from schakel.core.sql import compiled_once
from schakel.domain.actor import Actor
from schakel.domain.policy import ItemAction, decide_item
from schakel.sharing.item_rows import item_with_case
from schakel.sharing.models import Attachment
from schakel.sharing.selectors import item_facts, read_purpose
from schakel.sharing.services import _lock_item, _note, _write

_OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (_OLE2, "application/vnd.ms-office"),  # .doc, .xls, .ppt (Office 97-2003)
]


def detect_content_type(data: bytes) -> str | None:
    """The content type from the file's own bytes, or None when it is not one we accept."""
    for magic, content_type in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    if data.startswith(b"PK\x03\x04"):
        return _zip_office_type(data)
    return None


def _zip_office_type(data: bytes) -> str | None:
    """A ZIP is accepted only as an office package: OOXML or OpenDocument, by its manifest."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            if "[Content_Types].xml" in names:
                for prefix, content_type in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return content_type
                return None
            if "mimetype" in names:
                declared = package.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared.startswith("application/vnd.oasis.opendocument."):
                    return declared
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError):
        return None
    return None


def max_bytes() -> int:
    return int(settings.SCHAKEL_ATTACHMENT_MAX_BYTES)


@_write
def attachment_add(
    *, actor: Actor, ctx: AuditContext, item_id: int, upload: UploadedFile
) -> Attachment:
    """The providing party attaches a file to its item; nothing is stored when it is refused."""
    item = _lock_item(actor, item_id, ItemAction.attach)
    limit = max_bytes()
    size = upload.size or 0
    if size == 0:
        raise InvalidInput({"file": [_("The file is empty.")]})
    if size > limit:
        raise InvalidInput(
            {"file": [_("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}]}
        )
    data = upload.read(limit + 1)
    content_type = detect_content_type(data)
    if content_type is None or len(data) > limit:
        raise InvalidInput(
            {
                "file": [
                    _(
                        "Only PDF files, images (PNG, JPEG, GIF) and office documents (Word, "
                        "Excel, PowerPoint, OpenDocument) can be attached."
                    )
                ]
            }
        )
    attachment = Attachment(
        item=item,
        name=(upload.name or "bijlage")[:200],
        content_type=content_type,
        size=len(data),
        uploaded_by_id=actor.user_id,
        uploaded_at=timezone.now(),
    )
    attachment.file.save("bijlage.bin", ContentFile(encrypt_bytes(data)), save=False)
    stored = attachment.file.name
    try:
        attachment.save()
        _note(
            ctx,
            actor,
            item.case,
            "attachment_added",
            "",
            AuditAction.CREATE,
            "attachment",
            attachment.pk,
            "Art. 12.2f inbreng (bijlage)",
        )
    except Exception:
        # The row and the file live or die together: a failed insert removes the file.
        default_storage.delete(stored)
        raise
    return attachment


@dataclass(frozen=True)
class Download:
    attachment: Attachment
    content: bytes


def attachment_get_for(
    *, actor: Actor, ctx: AuditContext, item_id: int, attachment_id: int
) -> Download | None:
    """The decrypted file, if the actor may read its item; one read event per subject."""
    item = item_with_case(item_id)
    facts = item_facts(actor, item) if item is not None else None
    attachment = (
        Attachment.objects.filter(pk=attachment_id, item_id=item_id).first()
        if item is not None
        else None
    )
    allowed = facts is not None and decide_item(actor, facts, ItemAction.read).allowed
    if item is None or facts is None or attachment is None or not allowed:
        audit.access_denied(
            ctx, actor=actor, object_type="attachment", object_id=attachment_id, purpose="read"
        )
        return None
    with default_storage.open(attachment.file.name, "rb") as handle:
        content = decrypt_bytes(handle.read())
    purpose = read_purpose(actor, item, facts)
    audit.record_reads(
        ctx,
        actor=actor,
        object_type="attachment",
        object_id=attachment.pk,
        purpose=purpose,
        subject_pseudonyms=[
            subject_pseudonym(link.subject_id) for link in item.case.case_subjects.all()
        ],
    )
    return Download(attachment=attachment, content=content)


@compiled_once
def _attachments_of(item_id: int) -> QuerySet[Attachment]:
    return Attachment.objects.filter(item_id=item_id)


def attachments_of(*, item_id: int) -> list[Attachment]:
    """The attachments of an item the caller already read (names, sizes; no content);
    compiled once, as every small read of the item page (issue #9)."""
    return _attachments_of(item_id)


@receiver(post_delete, sender=Attachment)
def _delete_file(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def file_response(download: Download) -> HttpResponse:
    """Always a download (never rendered inline), with the detected type; not cached."""
    response = HttpResponse(download.content, content_type=download.attachment.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=download.attachment.name)
        or "attachment"
    )
    response["Content-Length"] = str(len(download.content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
