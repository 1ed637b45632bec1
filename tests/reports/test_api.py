"""GET /api/v1/indicators: the figures, suppressed; problem+json on bad parameters; 404 for roles
without access."""

from __future__ import annotations

import pytest
from django.test import Client

from schakel.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    _, secret = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Token {secret}"})


def test_indicators_by_municipality(anouk, fixed_stats) -> None:
    response = _client(anouk).get("/api/v1/indicators?period=2026-Q1&by=municipality")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"] == {
        "code": "2026-Q1",
        "label": "Q1 2026",
        "first_day": "2026-01-01",
        "last_day": "2026-03-31",
    }
    assert body["previous_period"]["code"] == "2025-Q4" and body["threshold"] == 5
    headlines = {h["code"]: h for h in body["headlines"]}
    assert headlines["referrals"]["value"] == 12 and headlines["referrals"]["previous"] == "<5"
    tables = {t["code"]: t for t in body["tables"]}
    assert [c["code"] for c in tables["triage"]["columns"]] == ["admitted", "not_admitted"]
    phases = tables["phases"]
    assert phases["totals"]["total"] == 10
    rows = {r["label"]: r for r in tables["referrals"]["rows"]}
    assert rows["#900001"]["cells"] == ["<5", 0]
    lead = body["lead_times"][0]
    assert (lead["source"], lead["target"]) == ("referral", "preparation")
    assert lead["total"]["median_days"] == 5


def test_process_director_names_are_hidden_from_non_managers(anouk, fixed_stats) -> None:
    body = _client(anouk).get("/api/v1/indicators?period=2026-Q1&by=process_director").json()
    labels = {r["label"] for t in body["tables"] for r in t["rows"]}
    assert "Anouk Jansen" not in labels and "Procesregisseur A" in labels


@pytest.mark.parametrize(
    "query",
    ["period=2026-Q9", "period=", "by=bsn", "period=2026-00", "period=%27%3B--", "period=9999-12"],
)
def test_bad_parameters_are_problem_json(query, anouk, fixed_stats) -> None:
    response = _client(anouk).get("/api/v1/indicators?" + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"].endswith("validation-error")
    assert body["invalid_params"][0]["name"] in ("period", "by")


@pytest.mark.parametrize("who", ["kees", "femke", "pieter"])
def test_roles_without_access_get_404(who, request, fixed_stats) -> None:
    response = _client(request.getfixturevalue(who)).get("/api/v1/indicators?period=2026-Q1")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_is_401() -> None:
    assert Client().get("/api/v1/indicators").status_code == 401


def test_documented_in_the_schema(db) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/indicators" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/indicators"]["get"]["parameters"]}
    assert {"period", "by"} <= params
