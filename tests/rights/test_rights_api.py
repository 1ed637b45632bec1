"""The requests register under /api/v1: record, list, read, and the JSON access export."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.accounts.services import api_token_create
from schakel.rights.models import SubjectRequest
from tests.rights.conftest import JEROEN_BSN, MILA_BSN, Family

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    _, secret = api_token_create(user=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_record_list_read_and_export(ilse, family: Family) -> None:
    api = _client(ilse)
    today = timezone.localdate().isoformat()
    body = {"subject": family.jeroen.pk, "kind": "access", "received_on": today}
    response = api.post(
        "/api/v1/subject-requests", {**body, "description": "Inzage."}, format="json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["kind"] == "access" and created["description"] == "Inzage."
    assert created["deadline"] > today and created["overdue"] is False
    listed = api.get("/api/v1/subject-requests?status=open&kind=access").json()
    assert [r["id"] for r in listed["results"]] == [created["id"]]
    assert listed["next_after"] is None
    assert api.get(f"/api/v1/subject-requests/{created['id']}").json()["id"] == created["id"]
    export = api.get(f"/api/v1/subjects/{family.jeroen.pk}/access-export")
    assert export.status_code == 200
    text = export.content.decode()
    assert JEROEN_BSN in text and MILA_BSN not in text and "Mila" not in text
    assert export.json()["requests"][0]["received_on"] == today


def test_invalid_input_is_problem_json_and_saves_nothing(ilse, family: Family) -> None:
    response = _client(ilse).post(
        "/api/v1/subject-requests",
        {"subject": family.jeroen.pk, "kind": "access", "received_on": "2999-01-01",
         "description": "x"}, format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalid_params"][0]["name"] == "received_on"
    assert not SubjectRequest.objects.exists()
    bad_filter = _client(ilse).get("/api/v1/subject-requests?status=gesloten")
    assert bad_filter.status_code == 400


def test_a_missing_person_and_a_forbidden_register_look_the_same(ilse, anouk, family) -> None:
    missing = _client(ilse).get("/api/v1/subjects/999999/access-export")
    forbidden = _client(anouk).get(f"/api/v1/subjects/{family.jeroen.pk}/access-export")
    assert missing.status_code == forbidden.status_code == 404
    assert missing.json() == forbidden.json()
    assert _client(anouk).post("/api/v1/subject-requests", {}).status_code == 404


def test_the_operations_are_in_the_schema(ilse) -> None:
    schema = _client(ilse).get("/api/v1/openapi.json").json()
    ops = {
        op["operationId"] for path in schema["paths"].values() for op in path.values()
        if isinstance(op, dict) and "operationId" in op
    }  # fmt: skip
    assert {
        "subject_requests_list",
        "subject_requests_create",
        "subject_requests_read",
        "subject_access_export",
    } <= ops
