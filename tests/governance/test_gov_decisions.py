"""After a decision: the DVO's outcome on an escalated matter (Art. 5.6, 5.7), and the core
group informed in writing of a decision of the steering group (Art. 5.8)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from schakel.domain.covenant import Body, Vote
from schakel.governance import services
from schakel.governance.models import Escalation, Motion
from schakel.governance.services import GovernanceRefused
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db
SG = Body.STEERING_GROUP


def _decided(marloes, bodies, *, body=SG, raises=False, text="", **votes: Vote) -> Motion:
    meeting = services.meeting_create(actor=act(marloes), body=body, held_on=timezone.localdate())
    motion = services.motion_create(
        actor=act(marloes),
        body=body,
        meeting=meeting,
        title="Hogere bijdrage 2027",
        text=text,
        raises_contribution=raises,
    )
    for name, vote in votes.items():
        services.vote_cast(actor=act(marloes), motion=motion, vote=vote, member=bodies[name])
    mail.outbox.clear()
    return services.motion_decide(actor=act(marloes), motion=motion)


def _dvo(motion: Motion) -> Escalation:
    return motion.escalations.get(to_body=Body.DISTRICT_SAFETY_COUNCIL.value)


# --- Art. 5.8 -----------------------------------------------------------------------------------


def test_core_group_is_informed_of_a_steering_group_decision(marloes, bodies) -> None:
    motion = _decided(
        marloes, bodies, text="Vertrouwelijke toelichting", gerrit=Vote.FOR, carla=Vote.FOR
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["jeroen@example.invalid", "marloes@example.invalid"]
    assert "Hogere bijdrage 2027" in message.body
    # An absolute link: a mail client has no page to resolve a relative one against.
    assert f"{settings.SCHAKEL_BASE_URL}/bestuur/besluiten/#besluit-{motion.pk}" in message.body
    assert "Vertrouwelijke toelichting" not in message.body  # the title and a link only
    motion.refresh_from_db()
    assert motion.core_group_informed_at is not None and motion.core_group_informed_count == 2


def test_a_core_group_decision_is_not_mailed(marloes, bodies) -> None:
    motion = _decided(marloes, bodies, body=Body.CORE_GROUP, jeroen=Vote.FOR, marloes_cg=Vote.FOR)
    assert mail.outbox == []
    motion.refresh_from_db()
    assert motion.core_group_informed_at is None


def test_the_register_shows_that_the_core_group_was_informed(login_client, marloes, jeroen, bodies):
    motion = _decided(marloes, bodies, gerrit=Vote.FOR, carla=Vote.FOR)
    html = login_client(jeroen).get("/bestuur/besluiten/").content.decode()
    assert f'id="besluit-{motion.pk}"' in html
    assert "Kerngroep geïnformeerd op" in html


# --- Art. 5.6, 5.7: the DVO's outcome -----------------------------------------------------------


def test_dvo_outcome_is_recorded_once(marloes, bodies) -> None:
    motion = _decided(marloes, bodies, raises=True, gerrit=Vote.FOR, carla=Vote.FOR)
    escalation = _dvo(motion)
    with pytest.raises(GovernanceRefused, match="vóór"):
        services.escalation_outcome_record(
            actor=act(marloes),
            escalation=escalation,
            outcome="Akkoord",
            decided_on=date(2000, 1, 1),
        )
    services.escalation_outcome_record(
        actor=act(marloes), escalation=escalation, outcome="Akkoord met de bijdrage."
    )
    escalation.refresh_from_db()
    assert escalation.outcome == "Akkoord met de bijdrage." and escalation.outcome_on
    with pytest.raises(GovernanceRefused, match="al vastgelegd"):
        services.escalation_outcome_record(actor=act(marloes), escalation=escalation, outcome="X")


def test_only_a_matter_before_the_dvo_gets_its_outcome(marloes, bodies) -> None:
    motion = _decided(
        marloes, bodies, body=Body.CORE_GROUP, jeroen=Vote.FOR, marloes_cg=Vote.AGAINST
    )
    escalation = motion.escalations.get()  # a tie: to the steering group (Art. 7.3)
    assert escalation.to_body == SG.value
    with pytest.raises(GovernanceRefused, match="Districtelijk Veiligheidsoverleg"):
        services.escalation_outcome_record(actor=act(marloes), escalation=escalation, outcome="X")


def test_dvo_outcome_screen_and_register(login_client, marloes, gerrit, bodies) -> None:
    motion = _decided(marloes, bodies, raises=True, gerrit=Vote.FOR, carla=Vote.FOR)
    escalation = _dvo(motion)
    url = f"/bestuur/voorstellen/{motion.pk}/"
    client = login_client(marloes)
    assert "Uitkomst in het Districtelijk Veiligheidsoverleg" in client.get(url).content.decode()
    empty = client.post(
        url, {"action": "dvo", "escalation": escalation.pk, "outcome": "", "decided_on": ""}
    )
    assert 'id="id_outcome_error"' in empty.content.decode()
    early = client.post(
        url,
        {"action": "dvo", "escalation": escalation.pk, "outcome": "Ja", "decided_on": "2000-01-01"},
    )
    assert 'id="id_decided_on_error"' in early.content.decode()
    escalation.refresh_from_db()
    assert escalation.outcome_on is None  # nothing saved
    # A member of the steering group sees the motion but may not record the outcome.
    today = timezone.localdate().isoformat()
    denied = login_client(gerrit).post(
        url, {"action": "dvo", "escalation": escalation.pk, "outcome": "Ja", "decided_on": today}
    )
    assert denied.status_code == 403
    done = client.post(
        url,
        {
            "action": "dvo",
            "escalation": escalation.pk,
            "outcome": "Het DVO stemt in.",
            "decided_on": today,
        },
    )
    assert done.status_code == 302
    register = client.get("/bestuur/besluiten/").content.decode()
    assert "Het DVO stemt in." in register


def test_dvo_outcome_api(login_client, marloes, gerrit, jeroen, bodies) -> None:
    motion = _decided(marloes, bodies, raises=True, gerrit=Vote.FOR, carla=Vote.FOR)
    escalation = _dvo(motion)
    url = f"/api/v1/governance/escalations/{escalation.pk}/outcome"
    body = json.dumps({"outcome": "Het DVO stemt in."})
    assert login_client(jeroen).post(url, body, content_type="application/json").status_code == 404
    assert login_client(gerrit).post(url, body, content_type="application/json").status_code == 403
    ok = login_client(marloes).post(url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["outcome"] == "Het DVO stemt in."
    again = login_client(marloes).post(url, body, content_type="application/json")
    assert again.status_code == 409 and again.json()["reasons"]
    decisions = login_client(jeroen).get("/api/v1/governance/decisions").json()
    row = next(d for d in decisions if d["id"] == motion.pk)
    assert row["escalations"][0]["outcome"] == "Het DVO stemt in."
    assert row["core_group_informed_at"]
