"""The rest of the matrix's house: objects of the apps that came later (meetings, rights,
retention, break-the-glass, case parties), built with their services on top of world.py.

Variants for a meeting's agenda items (relation to the police, party of ``delegate``):
``involved`` (the police are invited for that item, Art. 12.2e, 15.2) and ``not_involved``
(only GGZ is). Both cases are admitted and wait for the table (phase preparation).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from schakel.cases.models import Case, CaseParty
from schakel.domain.roles import Role
from schakel.meetings import services as meetings
from schakel.retention import services as retention
from schakel.retention.schedule import RULE_CODES
from schakel.rights import services as rights
from schakel.sharing.emergency import emergency_access_open
from tests.authz.world import World
from tests.cases.conftest import CTX, Walker, refer
from tests.conftest import _person
from tests.governance.helpers import act

MEETING_VARIANTS = ("involved", "not_involved")


def _meeting(world: World) -> None:
    users, parties = world.users, world.parties
    walker = Walker(users["anouk"], users["sanne"], parties)
    cases = {
        v: walker.to_preparation(refer(users["daan"], parties, reason=f"Aanmelding {v}."))
        for v in MEETING_VARIANTS
    }
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    sanne = act(users["sanne"])
    meeting = meetings.meeting_create(
        actor=sanne,
        ctx=CTX,
        data=meetings.MeetingInput(
            kind="conference",
            title="Regionale Casustafel Zwolle",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="Zorg- en Veiligheidshuis, Zwolle",
            video_url="",
            chair_id=users["anouk"].pk,
            secretary_id=users["sanne"].pk,
        ),
    )[0]
    items, invitations = {}, {}
    for variant, case in cases.items():
        item = meetings.agenda_item_add(
            actor=sanne,
            ctx=CTX,
            meeting_id=meeting.pk,
            case_id=case.pk,
            goal="Richting bepalen.",
            decisions_needed="Wie voert de procesregie?",
            themes="Wonen, verslaving.",
        )
        party = parties["police" if variant == "involved" else "ggz"]
        invitations[variant] = meetings.invitation_add(
            actor=sanne,
            ctx=CTX,
            item_id=item.pk,
            party_id=party.pk,
            justification=f"{party.name} is rechtstreeks betrokken (Art. 12.2e).",
        ).pk
        items[variant] = item.pk
    world.objects["conference"] = dict.fromkeys(MEETING_VARIANTS, meeting.pk)
    world.objects["agenda_item"] = items
    world.objects["invitation"] = invitations


def _rights(world: World) -> None:
    """A rectification request of the subject of the cases, routed to the police for their
    item (Art. 12.2f; AVG Art. 16): the police's delegate has a correction task."""
    ivo = act(world.users["ivo"])
    subject_id = world.fixed["subject"]
    request = rights.request_record(
        actor=ivo,
        ctx=CTX,
        subject_id=subject_id,
        kind="rectification",
        received_on=timezone.localdate(),
        description="Het adres klopt niet.",
    )
    routed = rights.rectification_route(
        actor=ivo,
        ctx=CTX,
        request_id=request.pk,
        item_ids=[world.item["own"]],
        question="Klopt het adres in deze informatie?",
    )
    world.fixed["subject_request"] = request.pk
    world.fixed["rectification"] = routed[0].pk


def _retention(world: World) -> None:
    """A legal hold on the closed case (only the privacy officer places one)."""
    number = Case.objects.values_list("number", flat=True).get(pk=world.case["closed"])
    hold = retention.legal_hold_place(
        actor=act(world.users["pieter"]),
        ctx=CTX,
        case_number=number,
        reason="Klacht bij de Autoriteit Persoonsgegevens loopt.",
        until=timezone.localdate() + timedelta(days=365),
    )
    world.fixed["hold"] = hold.pk
    world.fixed["rule_code"] = RULE_CODES[0]


def _emergency(world: World) -> None:
    """A break-the-glass grant by a process director who is no persona (paul), on the police's
    own case, so the personas' view of the cases stays as described in world.py."""
    paul = _person(world.parties, "paul", "house", Role.process_director, "Paul", "Matrix")
    number = Case.objects.values_list("number", flat=True).get(pk=world.case["own"])
    opened = emergency_access_open(
        actor=act(paul),
        ctx=CTX,
        case_number=number,
        reason="Acute dreiging; de procesregisseur is vandaag niet bereikbaar.",
    )
    assert opened.grant is not None
    world.fixed["grant"] = opened.grant.pk


def _case_parties(world: World) -> None:
    """Per case variant, an involvement another party holds (to end it, Art. 12.2e)."""
    rows = {
        "own": ("own", "tactus"),
        "involved": ("involved", "police"),
        "not_involved": ("not_involved", "ggz"),
        "closed": ("closed", "police"),
    }
    world.objects["case_party"] = {
        variant: CaseParty.objects.filter(
            case_id=world.case[case], party=world.parties[party], removed_at__isnull=True
        )
        .values_list("pk", flat=True)
        .first()
        for variant, (case, party) in rows.items()
    }


def extend(world: World) -> None:
    _case_parties(world)
    _meeting(world)
    _rights(world)
    _retention(world)
    _emergency(world)
