"""The API skeleton: /me, /parties, the schema, problem+json errors, the version header."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from schakel.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_unauthenticated_gets_problem_json(client: Client) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["type"].endswith("/not-authenticated")
    assert body["status"] == 401
    assert body["title"] == "Niet ingelogd"


def test_me_with_session(login_client, kees) -> None:
    response = login_client(kees).get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "kees"
    assert body["party"]["slug"] == "politie" and body["party"]["is_member"] is True
    assert body["roles"] == ["partner_delegate"]


def test_me_with_token(client: Client, kees) -> None:
    _, secret = api_token_create(user=kees, name="partnersysteem")
    response = client.get("/api/v1/me", headers={"Authorization": f"Token {secret}"})
    assert response.status_code == 200
    assert response.json()["username"] == "kees"


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token niet-bestaand", "Bearer x"])
def test_bad_tokens_are_refused_cleanly(client: Client, kees, header: str) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_parties_list_and_filter(login_client, kees) -> None:
    client = login_client(kees)
    names = [p["name"] for p in client.get("/api/v1/parties").json()]
    assert "Stichting Dimence" in names and len(names) == 5
    municipalities = client.get("/api/v1/parties?kind=municipality").json()
    assert [p["slug"] for p in municipalities] == ["gemeente-zwolle"]
    bad = client.get("/api/v1/parties?kind=planeet")
    assert bad.status_code == 400
    body = bad.json()
    assert body["type"].endswith("/validation-error")
    assert body["invalid_params"][0]["name"] == "kind"


def test_malformed_json_is_a_problem_not_a_500(login_client, kees) -> None:
    response = login_client(kees).post(
        "/api/v1/parties", data="{niet: json", content_type="application/json"
    )
    assert response.status_code in (400, 405)
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_api_path_is_problem_404(login_client, kees) -> None:
    response = login_client(kees).get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_openapi_schema(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me" in schema["paths"] and "/api/v1/parties" in schema["paths"]
    assert response["API-Version"] == "1.0.0"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"<script>" not in docs.content  # nothing inline: the CSP stays strict
