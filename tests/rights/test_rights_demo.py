"""The demo house has requests (one about to fall due), and the access export for its demo
subject holds everything about that person and nothing of anyone else (issue #5)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from schakel.accounts.models import User
from schakel.audit.record import AuditContext
from schakel.cases.models import ActionPlan, CaseSubject, Subject
from schakel.demo.rights import ACCESS_CASE
from schakel.domain.bsn import demo_bsn
from schakel.rights.export import access_export_for
from schakel.rights.models import Rectification, SubjectRequest
from schakel.rights.pdf import export_pdf
from schakel.rights.presentation import request_row
from schakel.sharing.models import InformationItem
from tests.rights.conftest import act

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0)


def test_the_demo_has_requests_one_due_soon(demo: None) -> None:
    today = timezone.localdate()
    rows = [request_row(r, today) for r in SubjectRequest.objects.all()]
    assert {r.request.kind for r in rows} == {"access", "rectification", "erasure"}
    assert [r.request.kind for r in rows if r.due_soon] == ["access"]
    assert Rectification.objects.filter(answer="pending").count() == 1
    call_command("load_demo", verbosity=0)
    assert SubjectRequest.objects.count() == 3  # idempotent


def test_the_demo_subjects_export_holds_everything_and_nothing_else(demo: None) -> None:
    person = Subject.objects.get(bsn=demo_bsn(ACCESS_CASE * 3))
    coordinator = User.objects.get(username="infocoordinator")
    found = access_export_for(
        actor=act(coordinator), ctx=AuditContext.system(), subject_id=person.pk, fmt="json"
    )
    assert found is not None
    data = found[1]
    text = json.dumps(data, ensure_ascii=False)
    # Everything: every case, every item (decrypted), the plan, identity.
    links = list(CaseSubject.objects.filter(subject=person).select_related("case"))
    assert [c["number"] for c in data["cases"]] == [link.case.number for link in links]
    for item in InformationItem.objects.filter(case__in=[link.case for link in links]):
        assert item.content in text and item.providing_party.name in text
    for plan in ActionPlan.objects.filter(case__in=[link.case for link in links]):
        for goal in plan.goals:
            assert goal["goal"] in text
    assert person.bsn in text and person.address in text
    assert any(e["action"] == "export" for e in data["access_log"])
    # Nothing else: no other subject's BSN, address or first name; the sibling is a marker.
    others = Subject.objects.exclude(bsn=person.bsn)
    for other in others:
        assert other.bsn not in text
        if other.address != person.address:
            assert other.address not in text
    sibling = CaseSubject.objects.get(case=links[0].case, relation="family_member").subject
    assert f'"{sibling.first_name}' not in text and sibling.first_name not in text
    assert sibling.date_of_birth.isoformat() not in text
    assert data["cases"][0]["other_subjects"][0]["label"] == "andere betrokkene"
    pdf = export_pdf(data)
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert person.last_name in pdf_text and sibling.bsn not in pdf_text
    assert sibling.first_name not in pdf_text
