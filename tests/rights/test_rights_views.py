"""The screens of the requests register: Dutch errors next to the fields, nothing saved on an
error, overdue requests highlighted, the providing party answers its correction request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.rights import services
from schakel.rights.models import Rectification, SubjectInforming, SubjectRequest
from tests.rights.conftest import CTX, Family, act

pytestmark = pytest.mark.django_db


def test_recording_a_request_through_the_person_page(login_client, ilse, family: Family) -> None:
    client = login_client(ilse)
    found = client.get("/verzoeken/zoeken/", {"bsn": "999990019"})
    assert found.status_code == 200
    assert f"/verzoeken/persoon/{family.jeroen.pk}/" in found.content.decode()
    url = f"/verzoeken/persoon/{family.jeroen.pk}/verzoek/"
    bad = client.post(url, {"request-kind": "access", "request-received_on": ""})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "utrecht-form-field--invalid" in page and "Er is niets opgeslagen" in page
    assert not SubjectRequest.objects.exists()
    ok = client.post(
        url,
        {
            "request-kind": "access",
            "request-received_on": timezone.localdate().isoformat(),
            "request-description": "Wil inzage in alles.",
        },
    )
    request = SubjectRequest.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/verzoeken/{request.pk}/"
    detail = client.get(ok["Location"]).content.decode()
    assert "Wil inzage in alles." in detail


def test_a_search_needs_a_bsn_or_name_and_date(login_client, ilse, family) -> None:
    response = login_client(ilse).get("/verzoeken/zoeken/", {"last_name": "de Vries"})
    assert response.status_code == 400
    assert "BSN" in response.content.decode()


def test_overdue_requests_are_highlighted(login_client, ilse, family: Family) -> None:
    services.request_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.jeroen.pk,
        kind="erasure",
        received_on=timezone.localdate() - timedelta(days=45),
        description="Verwijder alles.",
    )
    page = login_client(ilse).get("/verzoeken/").content.decode()
    assert "utrecht-status-badge--danger" in page and "Verwijdering" in page
    home = login_client(ilse).get("/").content.decode()  # "Mijn werk" lists it too
    assert 'data-testid="rights-due"' in home and "utrecht-status-badge--danger" in home
    assert "de Vries" not in home  # no names on the home page
    completed = login_client(ilse).get("/verzoeken/?status=completed").content.decode()
    assert "utrecht-status-badge--danger" not in completed


def test_refusal_without_grounds_shows_the_error(login_client, pieter, ilse, family) -> None:
    request = services.request_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.jeroen.pk,
        kind="objection",
        received_on=timezone.localdate(),
        description="Bezwaar.",
    )
    response = login_client(pieter).post(
        f"/verzoeken/{request.pk}/besluit/", {"decide-outcome": "refused", "decide-grounds": ""}
    )
    assert response.status_code == 400
    assert "AVG Art. 12.4" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "received"


def test_informing_is_recorded_per_person(login_client, ilse, family: Family) -> None:
    client = login_client(ilse)
    url = f"/verzoeken/persoon/{family.jeroen.pk}/informeren/"
    review = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client.post(
        url,
        {
            "informing-state": "postponed",
            "informing-postponed_reason": "Lopend onderzoek.",
            "informing-review_on": review,
        },
    )
    assert response.status_code == 302
    assert SubjectInforming.objects.get().state == "postponed"


def test_the_providing_party_answers(login_client, ilse, kees, family: Family) -> None:
    request = services.request_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.jeroen.pk,
        kind="rectification",
        received_on=timezone.localdate(),
        description="Klopt niet.",
    )
    (row,) = services.rectification_route(
        actor=act(ilse),
        ctx=CTX,
        request_id=request.pk,
        item_ids=[family.police_item.pk],
        question="De tweede aanhouding was een ander.",
    )
    client = login_client(kees)
    home = client.get("/").content.decode()
    assert "/verzoeken/correcties/" in home  # the menu shows the list once something is routed
    assert "1 correctieverzoek wacht op uw organisatie" in home
    task = client.get(f"/verzoeken/correcties/{row.pk}/").content.decode()
    assert "De tweede aanhouding was een ander." in task and "Klopt niet." not in task
    response = client.post(
        f"/verzoeken/correcties/{row.pk}/",
        {"answer": "corrected", "note": "Aangepast in ons systeem."},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.answer == "corrected" and row.answered_by_id == kees.pk
    assert Rectification.objects.count() == 1
