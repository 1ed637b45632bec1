"""The governance API: problem+json, 404 for what one may not see, 409 for covenant refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import timezone

from schakel.domain.covenant import Body
from schakel.governance import services
from schakel.governance.models import JoinRequest, Motion
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db

NEW = {
    "organisation": "Stichting Schuldhulp IJsselland",
    "slug": "schuldhulp",
    "kind": "partner",
    "domain": "care",
    "seat": "Zwolle",
    "address": "Voorbeeldstraat 1",
    "representative": "Ria Smit",
    "representative_function": "directeur-bestuurder",
    "contribution": "Schuldhulp.",
    "requested_on": "2026-01-05",
}


def _post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_join_request_and_consents(login_client, house, marloes, gerrit, kees, bodies) -> None:
    created = _post(login_client(gerrit), "/api/v1/governance/join-requests", NEW)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["stage"] == "requested" and body["consents"] == []
    pk = body["id"]
    early = _post(
        login_client(kees),
        f"/api/v1/governance/join-requests/{pk}/consents",
        {"party": "politie", "agreed": True},
    )
    assert early.status_code == 404  # not informed yet: the request is not visible to kees
    services.join_request_inform_parties(actor=act(marloes), join_request=JoinRequest.objects.get())
    ok = _post(
        login_client(kees),
        f"/api/v1/governance/join-requests/{pk}/consents",
        {"party": "politie", "agreed": True},
    )
    assert ok.status_code == 201 and ok.json()["answer"] == "agreed"
    again = _post(
        login_client(kees),
        f"/api/v1/governance/join-requests/{pk}/consents",
        {"party": "politie", "agreed": True},
    )
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert again.json()["type"].endswith("/governance-rule") and again.json()["reasons"]
    other = _post(
        login_client(kees),
        f"/api/v1/governance/join-requests/{pk}/consents",
        {"party": "dimence", "agreed": True},
    )
    assert other.status_code == 403
    detail = login_client(marloes).get(f"/api/v1/governance/join-requests/{pk}").json()
    assert detail["stage"] == "parties_informed" and len(detail["consents"]) == 1


def test_join_request_validation(login_client, gerrit, kees, bodies) -> None:
    bad = _post(login_client(gerrit), "/api/v1/governance/join-requests", {"slug": "x y"})
    assert bad.status_code == 400
    names = {p["name"] for p in bad.json()["invalid_params"]}
    assert {"organisation", "slug", "contribution"} <= names
    assert _post(login_client(kees), "/api/v1/governance/join-requests", NEW).status_code == 403
    assert login_client(kees).get("/api/v1/governance/join-requests").status_code == 404
    assert not JoinRequest.objects.exists()


def test_notice_via_api(login_client, house, kees, marloes) -> None:
    client = login_client(kees)
    made = _post(
        client,
        "/api/v1/governance/notices",
        {"party": "politie", "kind": "notice", "given_on": "2027-06-30"},
    )
    assert made.status_code == 201 and made.json()["effective_on"] == "2028-01-01"
    assert client.get("/api/v1/governance/notices").json()[0]["party"] == "politie"
    bad = _post(client, "/api/v1/governance/notices", {"party": "politie", "kind": "exclusion"})
    assert bad.status_code == 400
    assert login_client(marloes).get("/api/v1/governance/notices").status_code == 200


def _blocked_motion(house, marloes, bodies) -> Motion:
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    motion = services.motion_create(
        actor=act(marloes),
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title="Werkproces",
        affects=[house["ggz"]],
    )
    services.attendance_set(
        actor=act(marloes), meeting=meeting, absent_member_ids=[bodies["carla"].pk]
    )
    return motion


def test_votes_and_blocked_decision(
    login_client, house, marloes, gerrit, hans, carla, jeroen, bodies
) -> None:
    motion = _blocked_motion(house, marloes, bodies)
    url = f"/api/v1/governance/motions/{motion.pk}"
    assert _post(login_client(gerrit), f"{url}/votes", {"vote": "for"}).status_code == 201
    assert _post(login_client(hans), f"{url}/votes", {"vote": "for"}).status_code == 201
    absent = _post(login_client(carla), f"{url}/votes", {"vote": "for"})
    assert absent.status_code == 409
    assert _post(login_client(gerrit), f"{url}/votes", {"vote": "maybe"}).status_code == 400
    assert login_client(jeroen).get(url).status_code == 404  # not public (Art. 5.9)
    assert _post(login_client(gerrit), f"{url}/decision").status_code == 403
    blocked = _post(login_client(marloes), f"{url}/decision")
    assert blocked.status_code == 409
    problem = blocked.json()
    assert "Stichting Dimence" in problem["detail"] and "art. 5.5" in problem["detail"]
    services.written_input_record(actor=act(carla), motion=motion, text="Akkoord.")
    decided = _post(login_client(marloes), f"{url}/decision")
    assert decided.status_code == 200
    assert decided.json()["result"] == "adopted" and decided.json()["votes_for"] == 2
    register = login_client(hans).get("/api/v1/governance/decisions").json()
    assert register[0]["id"] == motion.pk and len(register[0]["votes"]) == 2


def test_tie_vote_escalates_via_api(login_client, marloes, bodies) -> None:
    meeting = services.meeting_create(
        actor=act(marloes), body=Body.STEERING_GROUP, held_on=date(2026, 12, 1)
    )
    motion = services.motion_create(
        actor=act(marloes), body=Body.STEERING_GROUP, meeting=meeting, title="Bijdrage"
    )
    client = login_client(marloes)
    url = f"/api/v1/governance/motions/{motion.pk}"
    _post(client, f"{url}/votes", {"vote": "for", "member": bodies["gerrit"].pk})
    _post(client, f"{url}/votes", {"vote": "against", "member": bodies["hans"].pk})
    _post(client, f"{url}/votes", {"vote": "abstain", "member": bodies["carla"].pk})
    assert _post(client, f"{url}/votes", {"vote": "for", "member": 999}).status_code == 400
    decided = _post(client, f"{url}/decision").json()
    assert decided["result"] == "no_decision"
    assert decided["escalated_to"] == ["district_safety_council"]
    assert decided["discuss_in_rciv"]


def test_meetings_list_only_own_bodies(login_client, marloes, jeroen, bodies) -> None:
    services.meeting_create(actor=act(marloes), body=Body.STEERING_GROUP, held_on=date(2026, 12, 1))
    assert login_client(jeroen).get("/api/v1/governance/meetings").json() == []
    assert len(login_client(marloes).get("/api/v1/governance/meetings").json()) == 1


def test_schema_lists_governance(client) -> None:
    paths = json.loads(client.get("/api/v1/openapi.json").content)["paths"]
    assert "/api/v1/governance/motions/{id}/decision" in paths
    assert "/api/v1/governance/join-requests/{id}/consents" in paths


def test_register_and_annual_plans(login_client, house, femke, marloes, kees, bodies) -> None:
    rows = login_client(femke).get("/api/v1/governance/covenants").json()
    assert rows[0]["initial_term_end"] == "2027-02-28" and rows[0]["signatures"] == []
    assert login_client(kees).get("/api/v1/governance/covenants").status_code == 404
    services.annual_plan_save(actor=act(marloes), year=2027, vision="Visie")
    assert login_client(marloes).get("/api/v1/governance/annual-plans").json()[0]["year"] == 2027
    assert login_client(kees).get("/api/v1/governance/annual-plans").json() == []
