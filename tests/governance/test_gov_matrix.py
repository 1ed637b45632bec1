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
    return {"join": join.pk, "meeting": meeting.pk, "motion": motion.pk, "doc": document.pk}


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
    if name == "governance:annual_plan":
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
