"""Attachments (issue #4 item 1): type by magic bytes, size limit, ciphertext on disk,
download only for who may read the item, one audit read, gone with its row."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases.errors import CaseForbidden, InvalidInput
from schakel.sharing.attachments import attachment_add, detect_content_type
from schakel.sharing.models import Attachment
from tests.sharing.conftest import CTX, approve, propose

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n" + b"x" * 200


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (ODT, "application/vnd.oasis.opendocument.text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20, "application/vnd.ms-office"),
        (b"Gewone tekst, geen document.", None),
        (b"MZ\x90\x00 an executable", None),
        (_zip({"evil.exe": b"MZ"}), None),
        (b"PK\x03\x04 broken zip", None),
    ],
)
def test_type_comes_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert detect_content_type(data) == expected


def _upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_provider_attaches_and_the_file_on_disk_is_ciphertext(media, item, daan) -> None:
    attachment = attachment_add(
        actor=actor_for(daan), ctx=CTX, item_id=item.pk, upload=_upload("verslag.pdf", PDF)
    )
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    stored = Path(str(media)) / attachment.file.name
    raw = stored.read_bytes()
    assert b"%PDF" not in raw and b"Catalog" not in raw
    assert "verslag" not in attachment.file.name  # the name on disk is random
    assert AuditEvent.objects.filter(action="create", object_type="attachment").count() == 1


def test_refused_files_leave_nothing(media, item, daan, settings) -> None:
    actor = actor_for(daan)
    with pytest.raises(InvalidInput) as wrong_type:
        attachment_add(
            actor=actor, ctx=CTX, item_id=item.pk, upload=_upload("echt.pdf", b"Geen PDF.")
        )
    assert "Alleen PDF-bestanden" in wrong_type.value.errors["file"][0]
    settings.SCHAKEL_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(InvalidInput) as too_big:
        attachment_add(actor=actor, ctx=CTX, item_id=item.pk, upload=_upload("a.pdf", PDF))
    assert "groter dan" in too_big.value.errors["file"][0]
    with pytest.raises(InvalidInput):
        attachment_add(actor=actor, ctx=CTX, item_id=item.pk, upload=_upload("leeg.pdf", b""))
    assert not Attachment.objects.exists()
    assert not any(Path(str(media)).rglob("*.bin"))


def test_only_the_provider_attaches(media, item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    for user in (kees, anouk):
        with pytest.raises(CaseForbidden):
            attachment_add(
                actor=actor_for(user), ctx=CTX, item_id=item.pk, upload=_upload("a.pdf", PDF)
            )
    assert not Attachment.objects.exists()


def test_download_follows_the_item(media, login_client, item, daan, kees, rik, anouk, house):  # type: ignore[no-untyped-def]
    provider = login_client(daan)
    upload = provider.post(
        f"/informatie/{item.pk}/bijlage/", {"attach-file": _upload("Verslag juni.pdf", PDF)}
    )
    assert upload.status_code == 302
    attachment = Attachment.objects.get()
    url = f"/informatie/{item.pk}/bijlage/{attachment.pk}/"
    assert url in provider.get(f"/informatie/{item.pk}/").content.decode()
    before = AuditEvent.objects.filter(action="read", object_type="attachment").count()
    response = provider.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Verslag juni.pdf" in response["Content-Disposition"]
    reads = AuditEvent.objects.filter(action="read", object_type="attachment")
    assert reads.count() == before + 1  # the case has one subject: one read event
    event = reads.latest("id")
    assert event.user_id == daan.pk and event.subject_pseudonym and event.purpose
    # Not released yet: the police get the same 404 as for a missing file.
    police = login_client(kees)
    assert police.get(url).status_code == 404
    assert police.get(f"/informatie/{item.pk}/bijlage/999999/").status_code == 404
    assert login_client(rik).get(url).status_code == 404
    approve(daan, propose(anouk, item, house["police"]))
    assert police.get(url).content == PDF
    # A wrong pairing of item and attachment is a 404 too.
    assert provider.get(f"/informatie/999999/bijlage/{attachment.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_type="attachment").count() == 4


def test_a_bad_upload_shows_the_error_next_to_the_field(media, login_client, item, daan) -> None:
    page = login_client(daan).post(
        f"/informatie/{item.pk}/bijlage/", {"attach-file": _upload("x.pdf", b"tekst")}
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "utrecht-form-field--invalid" in body and "Alleen PDF-bestanden" in body


def test_deleting_the_item_deletes_the_file(
    media, item, daan, django_capture_on_commit_callbacks
) -> None:
    attachment = attachment_add(
        actor=actor_for(daan), ctx=CTX, item_id=item.pk, upload=_upload("a.pdf", PDF)
    )
    stored = Path(str(media)) / attachment.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        item.case.delete()  # as the retention sweep does: the cascade reaches the file
    assert not Attachment.objects.exists()
    assert not stored.exists()


def test_attachments_over_the_api(media, item, daan, kees, no_2fa) -> None:
    provider = Client()
    provider.force_login(daan)
    bad = provider.post(
        f"/api/v1/information/{item.pk}/attachments", {"file": _upload("x.pdf", b"tekst")}
    )
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    missing = provider.post(f"/api/v1/information/{item.pk}/attachments", {})
    assert missing.status_code == 400
    ok = provider.post(
        f"/api/v1/information/{item.pk}/attachments", {"file": _upload("a.pdf", PDF)}
    )
    assert ok.status_code == 201 and ok.json()["content_type"] == "application/pdf"
    url = f"/api/v1/information/{item.pk}/attachments/{ok.json()['id']}"
    download = provider.get(url)
    assert download.status_code == 200 and download.content == PDF
    police = Client()
    police.force_login(kees)
    assert police.get(url).status_code == 404
    refused = police.post(
        f"/api/v1/information/{item.pk}/attachments", {"file": _upload("a.pdf", PDF)}
    )
    assert refused.status_code == 404


def test_the_provider_sees_the_items_attachments_and_consents_on_its_page(
    media, login_client, item, add_item, daan, kees
) -> None:
    """The item page's two small lists (compiled once since issue #9): the provider sees the
    attachments (name and size) and the written consents; a party without the item sees
    neither, and a second item shows none of the first's."""
    from datetime import date

    from schakel.sharing import services

    attachment_add(
        actor=actor_for(daan), ctx=CTX, item_id=item.pk, upload=_upload("verslag.pdf", PDF)
    )
    services.consent_record(
        actor=actor_for(daan),
        ctx=CTX,
        item_id=item.pk,
        recipient="Huisarts De Linde",
        document_reference="Brief 2026-11-02",
        consent_given_on=date(2026, 11, 2),
    )
    page = login_client(daan).get(f"/informatie/{item.pk}/").content.decode()
    assert "verslag.pdf" in page and "Huisarts De Linde" in page
    other = add_item(daan, title="Tweede stuk")
    page = login_client(daan).get(f"/informatie/{other.pk}/").content.decode()
    assert "verslag.pdf" not in page and "Huisarts De Linde" not in page
    assert login_client(kees).get(f"/informatie/{item.pk}/").status_code == 404
