"""The authorisation matrix of the governance app: every URL (web and API) x every role.

Expected answers come from one table; a governance URL missing from the table fails the test.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from schakel.domain.covenant import Body, Vote
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import services
from schakel.governance.models import Motion
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db

WHO = ("marloes", "gerrit", "jeroen", "femke", "kees", "anouk", "pieter")
# manager, steering group, core group, functional administrator, police delegate,
# process director, privacy officer
ALL_405 = (405,) * 7

TABLE: dict[str, tuple[int, ...]] = {
    "governance:index": (200, 200, 200, 200, 200, 404, 404),
    "governance:register": (200, 200, 200, 200, 404, 404, 404),
    "governance:amendment_new": (200, 403, 403, 403, 403, 404, 404),
    "governance:join_requests": (200, 200, 200, 404, 404, 404, 404),
    "governance:join_request": (200, 200, 200, 404, 200, 404, 404),
    "governance:annex1": (200, 200, 200, 404, 404, 404, 404),
    "governance:notices": (200, 200, 200, 404, 200, 404, 404),
    "governance:meetings": (200, 200, 200, 404, 404, 404, 404),
    "governance:meeting_detail": (200, 200, 404, 404, 404, 404, 404),
    "governance:meeting_document": (200, 200, 404, 404, 404, 404, 404),
    "governance:motion_detail": (200, 200, 404, 404, 404, 404, 404),
    "governance:decisions": (200, 200, 200, 404, 404, 404, 404),
    "governance:annual_plans": (200, 200, 200, 404, 404, 404, 404),
    "governance:annual_plan": (200, 200, 200, 404, 404, 404, 404),
    # Art. 4.3, 6.3, 6.5: the manager and the functional administrator keep the seats.
    "governance:seats": (200, 404, 404, 200, 404, 404, 404),
    "governance:seat_end": (200, 404, 404, 200, 404, 404, 404),
    "api:gov_join_requests": (200, 200, 200, 404, 404, 404, 404),
    "api:gov_join_request": (200, 200, 200, 404, 200, 404, 404),
    "api:gov_join_consents": ALL_405,
    "api:gov_notices": (200, 200, 200, 404, 200, 404, 404),
    "api:gov_meetings": (200, 200, 200, 200, 200, 200, 200),
    "api:gov_motion": (200, 200, 404, 404, 404, 404, 404),
    "api:gov_votes": ALL_405,
    "api:gov_decision": ALL_405,
    "api:gov_decisions": (200, 200, 200, 404, 404, 404, 404),
    "api:gov_covenants": (200, 200, 200, 200, 404, 404, 404),
    "api:gov_annual_plans": (200, 200, 200, 200, 200, 200, 200),
    "api:gov_amendments": (200, 200, 200, 200, 404, 404, 404),
    "api:gov_seats": (200, 404, 404, 200, 404, 404, 404),
    # Write-only endpoints (their answers to a write are in WRITES below).
    **{
        f"api:{name}": ALL_405
        for name in (
            "gov_withdrawals",
            "gov_exclusions",
            "gov_exclusion_default",
            "gov_exclusion_hearing",
            "gov_exclusion_decision",
            "gov_agenda_items",
            "gov_attendance",
            "gov_minutes",
            "gov_minutes_distribution",
            "gov_escalation_outcome",
            "gov_amendment_proposal",
            "gov_amendment_adoption",
            "gov_amendment_signatures",
            "gov_annual_plan_proposal",
            "gov_annual_plan_adoption",
            "gov_annual_plan_sending",
            "gov_seat_end",
        )
    },
}

# The API writes, sent with an empty body: 404 where the thing is not visible, 403 where the
# role may not act, 400 (invalid input, nothing saved) or 409 (a rule refuses) for those who may.
SEEN_BY_MANAGER_AND_SG = (400, 403, 404, 404, 404, 404, 404)
MANAGER_ONLY = (400, 404, 404, 404, 404, 404, 404)
WRITES: dict[tuple[str, str], tuple[int, ...]] = {
    ("post", "api:gov_meetings"): (400, 403, 403, 403, 403, 403, 403),
    ("post", "api:gov_agenda_items"): SEEN_BY_MANAGER_AND_SG,
    ("put", "api:gov_attendance"): SEEN_BY_MANAGER_AND_SG,
    ("put", "api:gov_minutes"): SEEN_BY_MANAGER_AND_SG,
    ("post", "api:gov_minutes_distribution"): (409, 403, 404, 404, 404, 404, 404),
    ("post", "api:gov_escalation_outcome"): SEEN_BY_MANAGER_AND_SG,
    ("post", "api:gov_withdrawals"): (400, 400, 400, 403, 400, 403, 403),
    ("post", "api:gov_exclusions"): MANAGER_ONLY,
    ("post", "api:gov_exclusion_default"): MANAGER_ONLY,
    ("post", "api:gov_exclusion_hearing"): MANAGER_ONLY,
    ("post", "api:gov_amendments"): (400, 403, 403, 403, 403, 403, 403),
    ("post", "api:gov_amendment_proposal"): (400, 403, 403, 403, 404, 404, 404),
    ("post", "api:gov_amendment_adoption"): (409, 403, 403, 403, 404, 404, 404),
    ("post", "api:gov_amendment_signatures"): (400, 403, 403, 400, 404, 404, 404),
    ("post", "api:gov_annual_plans"): (400, 403, 403, 403, 403, 403, 403),
    ("post", "api:gov_annual_plan_proposal"): MANAGER_ONLY,
    ("post", "api:gov_annual_plan_adoption"): (409, 404, 404, 404, 404, 404, 404),
    ("post", "api:gov_annual_plan_sending"): (409, 404, 404, 404, 404, 404, 404),
    ("post", "api:gov_seats"): (400, 404, 404, 400, 404, 404, 404),
    ("post", "api:gov_seat_end"): (400, 404, 404, 400, 404, 404, 404),
    # Last: the manager's decision on the exclusion is recorded (no votes: no decision).
    ("post", "api:gov_exclusion_decision"): (200, 404, 404, 404, 404, 404, 404),
}


def _governance_url_names() -> set[str]:
    names: set[str] = set()
    for ns, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if ns == "governance":
            names |= {f"governance:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        if ns == "api":
            names |= {
                f"api:{n}" for n in resolver.reverse_dict if isinstance(n, str) and "gov_" in n
            }
    return names


def test_every_governance_url_is_in_the_table() -> None:
    assert _governance_url_names() == set(TABLE)


@pytest.fixture
def world(house, covenant, marloes, gerrit, bodies, settings, tmp_path) -> dict[str, object]:
    settings.MEDIA_ROOT = tmp_path
    m = act(marloes)
    join = services.join_request_create(
        actor=act(gerrit),
        covenant=covenant,
        organisation="Stichting Nieuw",
        slug="nieuw",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        seat="Zwolle",
        address="Brink 1",
        representative="A. Bakker",
        representative_function="directeur",
        contribution="Hulp.",
        requested_on=date(2026, 1, 5),
    )
    services.join_request_inform_parties(actor=m, join_request=join)
    for key in ("police", "ggz", "zwolle"):
        services.join_consent_record(actor=m, join_request=join, party=house[key], agreed=True)
    meeting = services.meeting_create(
        actor=m, body=Body.STEERING_GROUP, held_on=timezone.localdate()
    )
    motion = services.motion_create(
        actor=m,
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title="Toetreding",
        kind=Motion.Kind.JOIN,
        join_request=join,
    )
    for name in ("gerrit", "carla", "hans"):
        services.vote_cast(actor=m, motion=motion, vote=Vote.FOR, member=bodies[name])
    services.motion_decide(actor=m, motion=motion)
    document = services.meeting_document_add(
        actor=m, meeting=meeting, title="Stuk", file=SimpleUploadedFile("stuk.pdf", b"%PDF-1.4")
    )
    services.annual_plan_save(actor=m, year=2027, vision="Visie")
    # Art. 5.7: a higher contribution goes to the District Safety Council.
    raise_ = services.motion_create(
        actor=m,
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title="Bijdrage",
        raises_contribution=True,
    )
    for name in ("gerrit", "carla", "hans"):
        services.vote_cast(actor=m, motion=raise_, vote=Vote.FOR, member=bodies[name])
    services.motion_decide(actor=m, motion=raise_)
    exclusion = services.exclusion_propose(
        actor=m,
        party=house["ggz"],
        covenant=covenant,
        breach="Geen deelname.",
        notice_of_default_on=None,
        heard_on=None,
        meeting=meeting,
    ).exclusion
    amendment = services.amendment_create(
        actor=m, covenant=covenant, title="W", articles_changed="8", effective_on=date(2027, 1, 1)
    )
    return {
        "join": join.pk,
        "meeting": meeting.pk,
        "motion": motion.pk,
        "doc": document.pk,
        "escalation": raise_.escalations.get().pk,
        "exclusion": exclusion.pk if exclusion else 0,
        "amendment": amendment.pk,
        "seat": bodies["gerrit"].pk,
    }


def _args(name: str, world: dict[str, object]) -> list[object]:
    if name in (
        "governance:join_request",
        "governance:annex1",
        "api:gov_join_request",
        "api:gov_join_consents",
    ):
        return [world["join"]]
    if name == "governance:meeting_detail":
        return [world["meeting"]]
    if name == "governance:meeting_document":
        return [world["meeting"], world["doc"]]
    if name in ("governance:motion_detail", "api:gov_motion", "api:gov_votes", "api:gov_decision"):
        return [world["motion"]]
    if name in ("api:gov_agenda_items", "api:gov_attendance", "api:gov_minutes"):
        return [world["meeting"]]
    if name == "api:gov_minutes_distribution":
        return [world["meeting"]]
    if name == "api:gov_escalation_outcome":
        return [world["escalation"]]
    if name.startswith("api:gov_exclusion_"):
        return [world["exclusion"]]
    if name.startswith("api:gov_amendment_"):
        return [world["amendment"]]
    if name in ("governance:seat_end", "api:gov_seat_end"):
        return [world["seat"]]
    if name == "governance:annual_plan" or name.startswith("api:gov_annual_plan_"):
        return [2027]
    return []


def test_matrix(request, login_client, world, femke, kees, anouk, pieter, jeroen) -> None:
    clients = {who: login_client(request.getfixturevalue(who)) for who in WHO}
    wrong = []
    for name, expected in TABLE.items():
        url = reverse(name, args=_args(name, world))
        for who, status in zip(WHO, expected, strict=True):
            got = clients[who].get(url).status_code
            if got != status:
                wrong.append(f"{name} as {who}: {got}, expected {status}")
    assert not wrong, "\n".join(wrong)


def test_write_matrix(request, login_client, world, femke, kees, anouk, pieter, jeroen) -> None:
    clients = {who: login_client(request.getfixturevalue(who)) for who in WHO}
    wrong = []
    for (method, name), expected in WRITES.items():
        url = reverse(name, args=_args(name, world))
        for who, status in zip(WHO, expected, strict=True):
            response = getattr(clients[who], method)(
                url, data="{}", content_type="application/json"
            )
            if response.status_code != status:
                wrong.append(f"{method} {name} as {who}: {response.status_code}, expected {status}")
            if response.status_code >= 400:
                assert response["Content-Type"].startswith("application/problem+json"), name
    assert not wrong, "\n".join(wrong)


def test_every_write_endpoint_is_in_the_write_table() -> None:
    write_only = {name for name, row in TABLE.items() if row == ALL_405}
    covered = {name for _method, name in WRITES}
    assert write_only - {"api:gov_join_consents", "api:gov_votes", "api:gov_decision"} <= covered
