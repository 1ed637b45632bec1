"""The access export: everything about the person across cases, per providing party, with who
accessed it; nothing of other people; making it is logged."""

from __future__ import annotations

import base64
import io
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from schakel.accounts.models import User
from schakel.audit.models import AuditEvent
from schakel.audit.record import subject_pseudonym
from schakel.cases.models import Case
from schakel.cases.selectors import case_get_for
from schakel.meetings.models import AgendaItem, Meeting, Minutes
from schakel.rights.export import OTHER, access_export_for, redactor
from schakel.rights.pdf import export_pdf
from schakel.sharing import services as sharing_services
from schakel.sharing.attachments import attachment_add
from schakel.sharing.selectors import item_get_for
from tests.rights.conftest import CTX, JEROEN_BSN, MILA_ADDRESS, MILA_BSN, SEM_BSN, Family, act

pytestmark = pytest.mark.django_db

# Everything that identifies Mila or Sem; none of it may appear in Jeroen's export.
FOREIGN = ["Mila", MILA_BSN, MILA_ADDRESS, "2013-05-09", "09-05-2013", "Sem", "Bakker", SEM_BSN]


def _export(user, family: Family, fmt: str = "json") -> dict:
    found = access_export_for(actor=act(user), ctx=CTX, subject_id=family.jeroen.pk, fmt=fmt)
    assert found is not None
    return found[1]


def test_the_export_holds_everything_about_the_person(ilse, kees, daan, family: Family) -> None:
    # Two reads to find in the access log: the police delegate opens the case and the item.
    assert case_get_for(actor=act(kees), case_id=family.case.pk, ctx=CTX) is not None
    assert item_get_for(actor=act(daan), ctx=CTX, item_id=family.ggz_item.pk) is not None
    data = _export(ilse, family)
    assert data["subject"]["bsn"] == JEROEN_BSN and data["subject"]["first_name"] == "Jeroen"
    assert [c["number"] for c in data["cases"]] == [family.case.number, family.second.number]
    first = data["cases"][0]
    links = {link.subject_id: link for link in family.case.case_subjects.all()}
    assert first["relation"] == links[family.jeroen.pk].get_relation_display()
    assert first["other_subjects"] == [
        {"label": "andere betrokkene", "relation": links[family.mila.pk].get_relation_display()}
    ]
    assert first["relation"] != first["other_subjects"][0]["relation"]
    groups = {g["providing_party"]: g["items"] for g in first["information"]}
    assert set(groups) == {"Politie Regionale Eenheid Oost-Nederland", "Stichting Dimence"}
    police = groups["Politie Regionale Eenheid Oost-Nederland"][0]
    assert police["regime"] == "wpg" and police["date"]
    expected = f"Jeroen is twee keer aangehouden; {OTHER} was er de tweede keer bij."
    assert police["content"] == expected
    assert groups["Stichting Dimence"][0]["content"].startswith("Jeroen is sinds 2024")
    assert data["cases"][1]["information"] == [] and data["cases"][1]["other_subjects"] == []
    log = data["access_log"]
    assert any(e["user"] == "Kees Hendriks" and e["action"] == "read" for e in log)
    assert any(e["user"] == "Daan Meijer" and e["object"] == "information_item" for e in log)
    assert any(e["action"] == "export" and e["user"] == "Ilse Mulder" for e in log)


def test_nothing_of_other_people(ilse, family: Family) -> None:
    text = json.dumps(_export(ilse, family), ensure_ascii=False)
    assert "Jeroen" in text and JEROEN_BSN in text
    for marker in FOREIGN:
        assert marker not in text, marker
    # The family name is Jeroen's too, so it stays; Mila's full name went.
    assert "zorgen over zijn zus [andere betrokkene]" in text


def test_the_pdf_says_the_same(ilse, family: Family) -> None:
    pdf = export_pdf(_export(ilse, family, fmt="pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "Jeroen" in flat and JEROEN_BSN in flat and family.case.number in flat
    assert "Politie Regionale Eenheid Oost-Nederland" in flat and "Stichting Dimence" in flat
    assert "sinds 2024 in behandeling bij Dimence" in flat
    assert "andere betrokkene" in flat
    for marker in FOREIGN:
        assert marker not in flat, marker


def test_making_the_export_is_logged_per_person_row(ilse, family: Family) -> None:
    _export(ilse, family, fmt="pdf")
    events = AuditEvent.objects.filter(action="export", object_type="subject_access_export")
    rows = family.jeroen, family.second.case_subjects.get().subject
    assert set(events.values_list("subject_pseudonym", flat=True)) == {
        subject_pseudonym(r.pk) for r in rows
    }
    assert all(e.user_id == ilse.pk and "pdf" in e.purpose for e in events)


@pytest.mark.parametrize("who", ["anouk", "kees", "olaf"])
def test_others_get_nothing(request, who, family: Family) -> None:
    user = request.getfixturevalue(who)
    found = access_export_for(actor=act(user), ctx=CTX, subject_id=family.jeroen.pk, fmt="json")
    assert found is None
    assert not AuditEvent.objects.filter(action="export").exists()
    assert AuditEvent.objects.filter(action="denied", object_type="subject_access_export").exists()


def test_the_redactor_keeps_the_persons_own_name() -> None:
    from datetime import date

    from schakel.cases.models import Subject

    own = Subject(first_name="Jeroen", last_name="de Vries", date_of_birth=date(2009, 4, 12))
    sister = Subject(
        first_name="Mila", last_name="de Vries", date_of_birth=date(2013, 5, 9), bsn="999905521"
    )
    clean = redactor([own], [sister])
    assert clean("Mila de Vries en Jeroen de Vries") == f"{OTHER} en Jeroen de Vries"
    assert clean("MILA belde; bsn 999905521.") == f"{OTHER} belde; bsn {OTHER}."
    assert clean("Milan kwam langs") == "Milan kwam langs"  # whole words only
    assert redactor([own], [])("Mila") == "Mila"


def test_the_pdf_shows_dutch_dates() -> None:
    from schakel.rights.templatetags.rights_tags import nl_date

    assert nl_date("2026-02-28") == "28-02-2026"
    assert nl_date("2026-11-29T13:22:21+01:00") == "29-11-2026 13:22"
    assert nl_date(None) == "" and nl_date("later") == "later"


HOUR = timedelta(hours=1)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def _attach(user: User, item_id: int, name: str, marker: str) -> bytes:
    data = PDF + marker.encode()
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    attachment_add(actor=act(user), ctx=CTX, item_id=item_id, upload=upload)
    return data


def _minutes(anouk: User, case: Case, goal: str, text: str, outcome: str = "") -> None:
    # Written as rows: the meeting services would first walk the case to its conference phase,
    # which is the meetings app's test subject, not this one's.
    now = timezone.now()
    meeting = Meeting.objects.create(
        kind="conference", title="Regionale Casustafel", starts_at=now, ends_at=now + HOUR,
        chair=anouk, secretary=anouk, status="held", created_by=anouk, created_at=now,
        updated_at=now,
    )  # fmt: skip
    item = AgendaItem.objects.create(
        meeting=meeting, case=case, position=1, goal=goal, decisions_needed="Wie?", themes="School",
        outcome=outcome, added_by=anouk, added_at=now,
    )  # fmt: skip
    Minutes.objects.create(item=item, text=text, written_by=anouk, updated_at=now)


def test_attachments_and_minutes_of_the_persons_cases_only(
    ilse, kees, anouk, family: Family, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    own = _attach(kees, family.police_item.pk, "proces-verbaal.pdf", "JEROEN-BIJLAGE")
    sem_item = sharing_services.item_add(
        actor=act(kees), ctx=CTX, case_id=family.other.pk, title="Melding", content="Overlast.",
        kind="fact", regime="wpg", special_category=False,
    )  # fmt: skip
    _attach(kees, sem_item.pk, "sem-aangifte.pdf", "SEM-BIJLAGE")
    _minutes(anouk, family.case, "Richting bepalen voor Jeroen.", "Jeroen en Mila spraken mee.",
             outcome="process_direction_house")  # fmt: skip
    _minutes(anouk, family.other, "Overlast SEM-DOEL.", "SEM-VERSLAG besproken.")

    data = _export(ilse, family)
    groups = {g["providing_party"]: g["items"] for g in data["cases"][0]["information"]}
    police = groups["Politie Regionale Eenheid Oost-Nederland"][0]
    [attachment] = police["attachments"]
    assert attachment["name"] == "proces-verbaal.pdf"
    assert attachment["content_type"] == "application/pdf" and attachment["size"] == len(own)
    assert attachment["uploading_party"] == "Politie Regionale Eenheid Oost-Nederland"
    assert attachment["uploaded_at"]
    assert base64.b64decode(attachment["content_base64"]) == own
    [meeting] = data["cases"][0]["meetings"]
    assert meeting["goal"] == "Richting bepalen voor Jeroen."
    assert meeting["minutes"] == f"Jeroen en {OTHER} spraken mee."
    assert meeting["decision"] and meeting["meeting_kind"] and meeting["meeting_date"]
    assert data["cases"][1]["meetings"] == []

    text = json.dumps(data, ensure_ascii=False)
    for marker in ["SEM-DOEL", "SEM-VERSLAG", "sem-aangifte", "Mila", *FOREIGN]:
        assert marker not in text, marker
    encoded = [
        base64.b64decode(a["content_base64"])
        for case in data["cases"]
        for group in case["information"]
        for item in group["items"]
        for a in item["attachments"]
    ]
    assert encoded == [own]  # Sem's file is not in it

    pdf = export_pdf(_export(ilse, family, fmt="pdf"))
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "proces-verbaal.pdf" in flat and "Richting bepalen voor Jeroen." in flat
    assert "SEM-VERSLAG" not in flat and "sem-aangifte" not in flat
