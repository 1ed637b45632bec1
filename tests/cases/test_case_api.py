"""The case API: the whole journey with tokens only, 409s, 404s, bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.services import api_token_create
from schakel.cases.models import Case

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: User) -> None:
        _, secret = api_token_create(user=user, name="partnersysteem")
        self.client = Client(headers={"Authorization": f"Token {secret}"})

    def get(self, path: str) -> Any:
        return self.client.get("/api/v1" + path)

    def send(self, method: str, path: str, body: dict[str, Any]) -> Any:
        return getattr(self.client, method)("/api/v1" + path, body, content_type="application/json")


REFERRAL = {
    "subjects": [
        {
            "first_name": "Jeroen",
            "last_name": "de Vries",
            "date_of_birth": "2001-04-12",
            "bsn": "999990019",
            "address": "Voorbeeldstraat 1",
        }
    ],
    "municipality": "gemeente-zwolle",
    "target_group": "prolific_offenders",
    "inflow": "zsm",
    "reason": "Derde aanhouding in een maand.",
    "goal": "Samenhangende aanpak.",
    "involved_parties": ["dimence"],
}


def _criteria(*holding: int) -> list[dict[str, Any]]:
    codes = ["safety_problem", "social_system", "cross_chain", "multi_problem"]
    return [
        {"criterion": c, "holds": i + 1 in holding, "motivation": f"Motivering {i + 1}"}
        for i, c in enumerate(codes)
    ]


def test_the_whole_journey_through_the_api(kees, anouk, sanne, daan, rik, house) -> None:
    police, pd, secretary, ggz, director = Api(kees), Api(anouk), Api(sanne), Api(daan), Api(rik)
    soon = (timezone.localdate() + timedelta(days=7)).isoformat()

    r = police.send("post", "/cases/referrals", REFERRAL)
    assert r.status_code == 201, r.json()
    case = r.json()
    cid, path = case["id"], f"/cases/{case['id']}"
    assert case["phase"] == "referral" and case["allowed_actions"] == []

    def step(client: Api, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        version = pd.get(path).json()["version"]
        r = client.send("post", path + "/transitions", {"expected_version": version, **body})
        assert r.status_code == status, r.json()
        return r.json()

    assert pd.get(path).json()["allowed_actions"] == ["start_triage"]
    assert step(pd, {"action": "start_triage"})["process_director"] == "anouk"

    v = pd.get(path).json()["version"]
    r = pd.send("post", path + "/consultations", {"expected_version": v, "parties": ["dimence"]})
    assert r.status_code == 200
    r = ggz.send(
        "post",
        path + "/consultations/answer",
        {"answer": "known", "contact_person": "J. de Groot", "note": "Eerdere behandeling."},
    )
    assert r.status_code == 200, r.json()

    body = step(pd, {"action": "admit", "admission_table": "regional"}, 409)
    assert body["type"].endswith("/illegal-transition")
    assert body["code"] == "missing_fact:referrer_consulted"
    v = pd.get(path).json()["version"]
    r = pd.send(
        "put",
        path + "/triage/criteria",
        {"expected_version": v, "referrer_consulted": True, "criteria": _criteria(1, 3, 4)},
    )
    assert r.status_code == 200 and r.json()["triage"]["criteria_met"] is True
    assert step(pd, {"action": "admit", "admission_table": "regional"})["phase"] == "preparation"

    v = pd.get(path).json()["version"]
    r = secretary.send(
        "put",
        path + "/conference",
        {
            "expected_version": v,
            "conference_goal": "Richting bepalen.",
            "conference_date": soon,
            "invitations": [{"party": "reclassering", "justification": "Toezicht loopt."}],
        },
    )
    assert r.status_code == 200, r.json()
    assert step(secretary, {"action": "schedule_conference"})["phase"] == "case_conference"
    detail = step(
        secretary,
        {
            "action": "record_conference_decision",
            "decision": "process_direction_house",
            "motivation": "VHH voert regie.",
        },
    )
    assert detail["phase"] == "mdo"

    v = pd.get(path).json()["version"]
    r = pd.send("put", path + "/case-director", {"expected_version": v, "username": "rik"})
    assert r.status_code == 200
    v = r.json()["version"]
    r = pd.send(
        "put",
        path + "/informing",
        {"expected_version": v, "informer_party": "reclassering", "postponed_reason": "Onderzoek"},
    )
    assert r.status_code == 200
    v = r.json()["version"]
    r = pd.send(
        "post",
        path + "/plans",
        {
            "expected_version": v,
            "goals": [{"life_domain": "housing", "goal": "Vaste woonplek."}],
            "closure_criteria": "Woonplek en behandeling.",
            "actions": [
                {
                    "life_domain": "housing",
                    "description": "Woonplek regelen",
                    "owning_party": "gemeente-zwolle",
                    "due_on": soon,
                }
            ],
        },
    )
    assert r.status_code == 201, r.json()
    assert step(pd, {"action": "adopt_plan"})["phase"] == "execution"

    detail = director.get(path).json()
    action_id = detail["actions"][0]["id"]
    r = director.send(
        "patch",
        f"{path}/actions/{action_id}",
        {"expected_version": detail["version"], "status": "done"},
    )
    assert r.status_code == 200 and r.json()["actions"][0]["status"] == "done"
    assert director.send("post", path + "/notes", {"text": "Intake gehad."}).status_code == 201

    step(
        pd,
        {
            "action": "decide_closure",
            "motivation": "Criteria gehaald.",
            "closure_criteria_met": True,
        },
    )
    closed = step(
        pd,
        {
            "action": "complete_closure",
            "handover_party": "gemeente-zwolle",
            "handover_note": "Sociaal team.",
        },
    )
    assert closed["phase"] == "closed" and closed["closure"]["closed_at"]
    assert closed["allowed_actions"] == []
    assert [t["to"] for t in closed["transitions"]] == [
        "triage",
        "preparation",
        "case_conference",
        "mdo",
        "execution",
        "closure",
        "closed",
    ]
    r = pd.send("post", path + "/notes", {"text": "Nog iets."})
    assert r.status_code == 409 and r.json()["type"].endswith("/case-closed")
    assert Case.objects.get(pk=cid).closed_at is not None
    # The anonymous figure for the manager's report counts it as a successful closure.
    from schakel.reports.models import CaseStatistic

    statistic = CaseStatistic.objects.get(case_ref=cid)
    assert statistic.closed_successfully is True and statistic.decision == "process_direction_house"


def test_uninvolved_delegate_gets_the_same_404_as_missing(kees, daan, house) -> None:
    case = Api(kees).send("post", "/cases/referrals", REFERRAL).json()
    ggz = Api(daan)
    hidden = ggz.get(f"/cases/{case['id']}")
    missing = ggz.get("/cases/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    r = ggz.send("post", f"/cases/{case['id']}/notes", {"text": "x"})
    assert r.status_code == 404 and r.json() == missing.json()
    assert ggz.get("/cases").json()["results"] == []


def test_illegal_transition_is_409_with_reason(kees, anouk, house) -> None:
    case = Api(kees).send("post", "/cases/referrals", REFERRAL).json()
    r = Api(anouk).send(
        "post",
        f"/cases/{case['id']}/transitions",
        {"expected_version": case["version"], "action": "adopt_plan"},
    )
    assert r.status_code == 409
    body = r.json()
    assert body["type"].endswith("/illegal-transition") and body["code"] == "phase_not_allowed"
    assert "Aanmelding" in body["detail"]


def test_stale_version_is_409_case_changed(kees, anouk, house) -> None:
    case = Api(kees).send("post", "/cases/referrals", REFERRAL).json()
    pd = Api(anouk)
    body = {"expected_version": case["version"], "action": "start_triage"}
    assert pd.send("post", f"/cases/{case['id']}/transitions", body).status_code == 200
    r = pd.send("post", f"/cases/{case['id']}/transitions", body)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/case-changed")
    assert r.json()["current_version"] == case["version"] + 1
    assert "intussen gewijzigd" in r.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"target_group": "polarisation"}, "target_group"),
        ({"subjects": [{**REFERRAL["subjects"][0], "bsn": "123456789"}]}, "subjects[0].bsn"),
        ({"subjects": []}, "subjects"),
        ({"municipality": "politie"}, "municipality"),
        ({"municipality": "atlantis"}, "municipality"),
        ({"reason": "   "}, "reason"),
        ({"inflow": "raam"}, "inflow"),
        ({"subjects": [{**REFERRAL["subjects"][0], "date_of_birth": "12-04-2001"}]}, "subjects"),
    ],
)
def test_bad_referrals_are_400_and_save_nothing(kees, house, change, field) -> None:
    r = Api(kees).send("post", "/cases/referrals", {**REFERRAL, **change})
    assert r.status_code == 400, r.json()
    body = r.json()
    assert body["type"].endswith("/validation-error")
    names = [p["name"] for p in body["invalid_params"]]
    assert any(name.startswith(field) for name in names), names
    assert Case.objects.count() == 0


def test_polarisation_refusal_explains_the_covenant(kees, house) -> None:
    r = Api(kees).send("post", "/cases/referrals", {**REFERRAL, "target_group": "polarisation"})
    reasons = [p["reason"] for p in r.json()["invalid_params"]]
    assert any("apart samenwerkingsconvenant" in reason for reason in reasons)


@pytest.mark.parametrize(
    ("path", "method", "body"),
    [
        ("/transitions", "post", {"action": "vliegen", "expected_version": 1}),
        ("/transitions", "post", {"action": "start_triage"}),
        ("/transitions", "post", "geen json"),
        ("/triage/criteria", "put", {"expected_version": 1, "criteria": []}),
        ("/consultations", "post", {"expected_version": 1, "parties": []}),
        ("/consultations/answer", "post", {"answer": "misschien"}),
        ("/process-director", "put", {"expected_version": 1, "username": "niemand"}),
        ("/conference", "put", {"expected_version": 1}),
        ("/case-director", "put", {"expected_version": "x", "username": "rik"}),
        ("/informing", "put", {"expected_version": 1}),
        ("/plans", "post", {"expected_version": 1, "goals": "x"}),
        ("/actions/1", "patch", {"expected_version": 1, "status": "klaar"}),
        ("/notes", "post", {"text": ""}),
    ],
)
def test_bad_input_on_every_endpoint_is_400(kees, anouk, house, path, method, body) -> None:
    case = Api(kees).send("post", "/cases/referrals", REFERRAL).json()
    before = Case.objects.get(pk=case["id"]).version
    r = Api(anouk).send(method, f"/cases/{case['id']}{path}", body)
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == "application/problem+json"
    assert Case.objects.get(pk=case["id"]).version == before


def test_criteria_without_motivation_is_400(kees, anouk, house) -> None:
    case = Api(kees).send("post", "/cases/referrals", REFERRAL).json()
    pd = Api(anouk)
    r = pd.send(
        "post",
        f"/cases/{case['id']}/transitions",
        {"expected_version": case["version"], "action": "start_triage"},
    )
    criteria = _criteria(1, 3, 4)
    criteria[2]["motivation"] = " "
    r = pd.send(
        "put",
        f"/cases/{case['id']}/triage/criteria",
        {"expected_version": r.json()["version"], "referrer_consulted": True, "criteria": criteria},
    )
    assert r.status_code == 400
    assert r.json()["invalid_params"][0]["name"] == "criteria.cross_chain"


def test_list_filters_and_keyset_pages(kees, anouk, house, django_assert_max_num_queries) -> None:
    police = Api(kees)
    for _ in range(5):
        police.send("post", "/cases/referrals", REFERRAL)
    pd = Api(anouk)
    seen: list[int] = []
    url = "/cases?limit=2"
    while url:
        with django_assert_max_num_queries(12):
            body = pd.get(url).json()
        seen += [c["id"] for c in body["results"]]
        url = f"/cases?limit=2&cursor={body['next']}" if body["next"] else ""
    assert len(seen) == 5 and len(set(seen)) == 5
    assert pd.get("/cases?phase=triage").json()["results"] == []
    assert (
        len(pd.get("/cases?last_name=de%20vries&date_of_birth=2001-04-12").json()["results"]) == 5
    )
    # The name is trimmed as the web form trims it: spaces around it find the same cases,
    # and a name of spaces alone filters nothing (the web list ignores it the same way).
    assert len(pd.get("/cases?last_name=%20de%20vries%20").json()["results"]) == 5
    # A name search pages newest case first (docs/cases.md), across its cursors too, also when
    # the oldest case changed last.
    Case.objects.filter(pk=min(seen)).update(updated_at=timezone.now())
    url, named = "/cases?last_name=de%20vries&limit=2", []
    while url:
        body = pd.get(url).json()
        named += [c["id"] for c in body["results"]]
        url = f"/cases?last_name=de%20vries&limit=2&cursor={body['next']}" if body["next"] else ""
    assert named == sorted(seen, reverse=True)
    assert len(pd.get("/cases?last_name=%20%20").json()["results"]) == 5
    assert pd.get("/cases?last_name=Jansen").json()["results"] == []
    assert pd.get("/cases?date_of_birth=2001-13-01").status_code == 400
    assert pd.get("/cases?cursor=rommel").status_code == 400
    assert pd.get("/cases?phase=maan").status_code == 400
    assert pd.get("/cases?limit=1000").status_code == 400


def test_schema_documents_the_case_operations(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/cases/{case_id}/transitions" in paths
    assert "409" in paths["/api/v1/cases/{case_id}/transitions"]["post"]["responses"]
