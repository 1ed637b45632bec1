"""The sharing API: the same release rules as the screens; invisible = 404; reads logged."""

from __future__ import annotations

import pytest
from django.test import Client

from schakel.accounts.services import api_token_create
from schakel.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, secret = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Token {secret}"})


def test_release_journey_over_the_api(case, daan, kees, anouk) -> None:
    ggz, police, pd = api(daan), api(kees), api(anouk)
    added = ggz.post(
        f"/api/v1/cases/{case.pk}/information",
        {"title": "Risico", "content": "Dreigt met geweld.", "kind": "risk", "regime": "avg"},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    item_id = added.json()["id"]
    assert added.json()["content"] == "Dreigt met geweld."
    assert police.get(f"/api/v1/information/{item_id}").status_code == 404
    assert police.get(f"/api/v1/cases/{case.pk}/information").json() == []
    proposed = pd.post(
        f"/api/v1/information/{item_id}/releases",
        {"recipient_party": "politie", "purpose": "conference"},
        content_type="application/json",
    )
    assert proposed.status_code == 201, proposed.content
    release_id = proposed.json()["id"]
    refused = police.post(
        f"/api/v1/information/{item_id}/releases/{release_id}/decision",
        {"approve": True, "reason": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    approved = ggz.post(
        f"/api/v1/information/{item_id}/releases/{release_id}/decision",
        {"approve": True, "reason": "Voor de casustafel."},
        content_type="application/json",
    )
    assert approved.status_code == 201 and approved.json()["state"] == "approved"
    before = AuditEvent.objects.order_by("-id").first().id
    read = police.get(f"/api/v1/information/{item_id}")
    assert read.status_code == 200 and read.json()["content"] == "Dreigt met geweld."
    reads = AuditEvent.objects.filter(id__gt=before, action="read")
    assert reads.count() == 1 and reads.get().purpose == "Art. 17.2 casustafel"
    assert [i["id"] for i in police.get(f"/api/v1/cases/{case.pk}/information").json()] == [item_id]
    withdrawn = ggz.post(
        f"/api/v1/information/{item_id}/releases/{release_id}/withdrawal",
        {"reason": "Niet meer nodig."},
        content_type="application/json",
    )
    assert withdrawn.status_code == 201 and withdrawn.json()["state"] == "withdrawn"
    gone = police.get(f"/api/v1/information/{item_id}")
    assert gone.status_code == 404 and gone["Content-Type"].startswith("application/problem+json")


def test_uninvolved_party_gets_404(case, rik) -> None:
    client = api(rik)
    assert client.get(f"/api/v1/cases/{case.pk}/information").status_code == 404
    response = client.post(
        f"/api/v1/cases/{case.pk}/information",
        {"title": "t", "content": "c", "kind": "fact", "regime": "avg"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="denied", user_id=rik.pk).count() == 2
