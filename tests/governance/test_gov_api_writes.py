"""The governance API writes: exclusion, withdrawal, amendments, annual plan, meetings.

Each goes through the same services as the screens: 409 with the Dutch reasons when the covenant
refuses, problem+json for every error, nothing saved on a refusal.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from schakel.governance.models import (
    AgendaItem,
    AnnualPlan,
    Departure,
    Exclusion,
    Meeting,
    Motion,
)
from schakel.parties.models import Membership

pytestmark = pytest.mark.django_db
API = "/api/v1/governance"


def _send(client, url, data=None, method="post"):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json"
    )


def _refused(response, fragment: str) -> None:
    assert response.status_code == 409, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"].endswith("/governance-rule")
    assert any(fragment in r for r in body["reasons"]), body["reasons"]


def _meeting(client) -> dict:
    today = timezone.localdate().isoformat()
    created = _send(client, f"{API}/meetings", {"body": "steering_group", "held_on": today})
    assert created.status_code == 201, created.content
    return created.json()


def _vote_all_for(client, motion_id: int, bodies) -> None:
    for name in ("gerrit", "carla", "hans"):
        cast = _send(
            client, f"{API}/motions/{motion_id}/votes", {"vote": "for", "member": bodies[name].pk}
        )
        assert cast.status_code == 201, cast.content


def test_meeting_agenda_attendance_minutes(login_client, marloes, gerrit, bodies) -> None:
    client = login_client(marloes)
    dvo = _send(
        client, f"{API}/meetings", {"body": "district_safety_council", "held_on": "2026-05-01"}
    )
    assert dvo.status_code == 400
    meeting = _meeting(client)
    pk = meeting["id"]
    item = _send(client, f"{API}/meetings/{pk}/agenda-items", {"title": "Jaarplan"})
    assert item.status_code == 201 and item.json()["position"] == 1
    absent = _send(
        client, f"{API}/meetings/{pk}/attendance", {"absent": [bodies["carla"].pk]}, "put"
    )
    assert absent.status_code == 200
    assert {r["member"]: r["present"] for r in absent.json()}[bodies["carla"].pk] is False
    stranger = _send(client, f"{API}/meetings/{pk}/attendance", {"absent": [999999]}, "put")
    _refused(stranger, "Alleen leden van dit orgaan")
    _refused(_send(client, f"{API}/meetings/{pk}/minutes/distribution"), "geen verslag")
    saved = _send(client, f"{API}/meetings/{pk}/minutes", {"text": "Besproken."}, "put")
    assert saved.status_code == 200 and saved.json()["distributed_at"] is None
    mail.outbox.clear()
    sent = _send(client, f"{API}/meetings/{pk}/minutes/distribution")
    assert sent.status_code == 200 and sent.json()["distributed_at"]
    assert len(mail.outbox) == 1
    _refused(_send(client, f"{API}/meetings/{pk}/agenda-items", {"title": "Te laat"}), "verspreid")
    assert AgendaItem.objects.count() == 1
    # A member of the steering group sees the meeting but is not its secretary.
    denied = _send(login_client(gerrit), f"{API}/meetings/{pk}/agenda-items", {"title": "X"})
    assert denied.status_code == 403
    assert Meeting.objects.get(pk=pk).status == Meeting.Status.HELD


def test_exclusion_notice_of_default_hearing_decision(
    login_client, house, covenant, marloes, bodies
) -> None:
    client = login_client(marloes)
    meeting = _meeting(client)
    created = _send(
        client,
        f"{API}/exclusions",
        {"party": "dimence", "breach": "Levert geen afgevaardigde.", "meeting": meeting["id"]},
    )
    assert created.status_code == 201, created.content
    exclusion = created.json()
    pk, motion_id = exclusion["id"], exclusion["motions"][0]
    _vote_all_for(client, motion_id, bodies)
    # Art. 23.2: no decision before the notice of default and the hearing.
    _refused(_send(client, f"{API}/exclusions/{pk}/decision"), "23.2")
    assert Motion.objects.get(pk=motion_id).status == Motion.Status.OPEN
    early = _send(client, f"{API}/exclusions/{pk}/hearing", {"on": "2026-01-01"})
    _refused(early, "na de ingebrekestelling")
    bad = _send(client, f"{API}/exclusions/{pk}/notice-of-default", {"on": "gisteren"})
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    notice = _send(client, f"{API}/exclusions/{pk}/notice-of-default", {"on": "2026-01-10"})
    assert notice.status_code == 200 and notice.json()["notice_of_default_on"] == "2026-01-10"
    heard = _send(client, f"{API}/exclusions/{pk}/hearing", {"on": "2026-02-01"})
    assert heard.status_code == 200
    decided = _send(client, f"{API}/exclusions/{pk}/decision")
    assert decided.status_code == 200, decided.content
    assert decided.json()["result"] == "adopted"
    assert Departure.objects.get(party=house["ggz"]).kind == Departure.Kind.EXCLUSION
    assert Membership.objects.get(party=house["ggz"]).left_on == timezone.localdate()
    _refused(_send(client, f"{API}/exclusions/{pk}/hearing", {"on": "2026-03-01"}), "al besloten")
    assert Exclusion.objects.get(pk=pk).heard_on == date(2026, 2, 1)


def test_amendment_propose_adopt_resign_and_withdraw(
    login_client, house, covenant, marloes, kees, femke, bodies
) -> None:
    client = login_client(marloes)
    _refused(
        _send(
            client,
            f"{API}/amendments",
            {"title": "Leeg", "articles_changed": " , ", "effective_on": "2027-01-01"},
        ),
        "Noem de artikelen",
    )
    created = _send(
        client,
        f"{API}/amendments",
        {"title": "Nieuwe doelgroep", "articles_changed": "2.3", "effective_on": "2027-09-01"},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    # Re-signing before the adoption is refused by the register service.
    early = _send(
        login_client(femke),
        f"{API}/amendments/{pk}/signatures",
        {"party": "politie", "signed_on": "2026-11-01", "signed_by": "J. Jansen"},
    )
    _refused(early, "nog niet door de Stuurgroep besloten")
    _refused(_send(client, f"{API}/amendments/{pk}/adoption"), "geen open voorstel")
    meeting = _meeting(client)
    proposed = _send(client, f"{API}/amendments/{pk}/proposal", {"meeting": meeting["id"]})
    assert proposed.status_code == 201 and proposed.json()["kind"] == "amendment"
    _vote_all_for(client, proposed.json()["id"], bodies)
    adopted = _send(client, f"{API}/amendments/{pk}/adoption")
    assert adopted.status_code == 200 and adopted.json()["result"] == "adopted"
    signed = _send(
        login_client(femke),
        f"{API}/amendments/{pk}/signatures",
        {"party": "politie", "signed_on": "2026-11-01", "signed_by": "J. Jansen, korpschef"},
    )
    assert signed.status_code == 201, signed.content
    listing = client.get(f"{API}/amendments").json()
    assert listing[0]["adopted_on"] and listing[0]["signatures"][0]["party"] == "politie"
    # Art. 22.3: a party that finds the amendment unacceptable leaves when it takes effect.
    withdrawn = _send(
        login_client(kees),
        f"{API}/withdrawals",
        {"party": "politie", "amendment": pk, "given_on": "2026-12-01"},
    )
    assert withdrawn.status_code == 201, withdrawn.content
    assert withdrawn.json()["effective_on"] == "2027-09-01"
    again = _send(
        client,
        f"{API}/withdrawals",
        {"party": "politie", "amendment": pk, "given_on": "2026-12-02"},
    )
    _refused(again, "al vastgelegd")
    other = _send(
        login_client(kees),
        f"{API}/withdrawals",
        {"party": "dimence", "amendment": pk, "given_on": "2026-12-01"},
    )
    assert other.status_code == 403  # a delegate speaks for their own party only


def test_withdrawal_needs_an_adopted_amendment(login_client, covenant, marloes, bodies) -> None:
    client = login_client(marloes)
    pk = _send(
        client,
        f"{API}/amendments",
        {"title": "W", "articles_changed": "3", "effective_on": "2027-01-01"},
    ).json()["id"]
    response = _send(
        client,
        f"{API}/withdrawals",
        {"party": "dimence", "amendment": pk, "given_on": "2026-10-01"},
    )
    _refused(response, "22.3")
    assert not Departure.objects.exists()


def test_annual_plan_create_adopt_send(login_client, marloes, gerrit, bodies) -> None:
    client = login_client(marloes)
    assert _send(login_client(gerrit), f"{API}/annual-plans", {"year": 2027}).status_code == 403
    created = _send(client, f"{API}/annual-plans", {"year": 2027, "vision": "Eén huis."})
    assert created.status_code == 201 and created.json()["vision"] == "Eén huis."
    meeting = _meeting(client)
    proposed = _send(client, f"{API}/annual-plans/2027/proposal", {"meeting": meeting["id"]})
    assert proposed.status_code == 201, proposed.content
    _vote_all_for(client, proposed.json()["id"], bodies)
    _refused(_send(client, f"{API}/annual-plans/2027/adoption"), "art. 4.4")
    _refused(_send(client, f"{API}/annual-plans/2027/sending"), "nog niet")
    keys = ("priorities", "budget", "accounts", "quality", "target_groups")
    parts = dict.fromkeys(keys, "Tekst.")
    assert _send(client, f"{API}/annual-plans", {"year": 2027, **parts}).status_code == 201
    adopted = _send(client, f"{API}/annual-plans/2027/adoption")
    assert adopted.status_code == 200 and adopted.json()["result"] == "adopted"
    sent = _send(client, f"{API}/annual-plans/2027/sending")
    assert sent.status_code == 200 and sent.json()["sent_on"]
    _refused(
        _send(client, f"{API}/annual-plans", {"year": 2027, "vision": "Anders."}), "vastgesteld"
    )
    assert AnnualPlan.objects.get(year=2027).vision == "Eén huis."
    assert client.post(f"{API}/annual-plans/2031/sending").status_code == 404
