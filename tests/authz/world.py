"""The house the authorisation matrix runs in, built once with the services (not raw rows).

One person per role (the personas, columns of the table) and one object per relation to the
acting party (the variants, the table's sub-rows). The relation is seen from the police, the
party of the partner delegate ``kees``:

cases
    ``own``           the police referred it (Art. 1.7); in execution, directed by ``anouk``
    ``involved``      GGZ referred it, the police were invited to the conference (Art. 12.2e)
    ``not_involved``  GGZ referred it, the police are not involved; still in referral with no
                      process director (the intake queue every process director may pick up)
    ``closed``        the police referred it; closed (Art. 1.12: read-only, narrowed)
items (information provided on a case, issue #4)
    ``own``           provided by the police on the ``involved`` case
    ``released``      provided by GGZ on the ``involved`` case, released to the police
    ``not_released``  provided by GGZ on the ``involved`` case; a release to the police is
                      proposed, not decided
    ``not_involved``  provided by GGZ on the ``not_involved`` case
    ``closed``        provided by GGZ on the ``closed`` case, released to the police before closing

``lena`` acts for Tactus, a member that was invited to the ``own`` case and then ceased to
exist (Art. 23.1c): from that day she has no access at all (ActivePartyMiddleware). ``olaf``
acts for a party that never joined the covenant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from schakel.accounts.models import User
from schakel.audit.record import subject_pseudonym
from schakel.cases import services as case_services
from schakel.cases.models import Case, CaseSubject, PlanAction
from schakel.domain.covenant import Body, CoreRole, Vote
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.domain.roles import Role
from schakel.domain.workflow import Action
from schakel.governance import services as gov
from schakel.governance.models import Departure, Motion
from schakel.parties.models import Covenant, Party
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure
from schakel.sharing import services as sharing
from schakel.sharing.attachments import attachment_add
from tests.cases.conftest import CTX, Walker, fresh, refer
from tests.conftest import _person
from tests.governance.helpers import act

# The columns of every row, in this order (see docs/authorisation.md).
PERSONAS: tuple[str, ...] = (
    "pd",  # process director who directs the objects' cases (anouk)
    "pd_other",  # another process director (pim), directs none of them
    "secretary",  # conference secretary (sanne)
    "coordinator",  # information coordinator (ivo)
    "delegate",  # partner delegate of the police (kees)
    "manager",  # manager (marloes)
    "steering",  # steering group member, Zwolle (gerrit)
    "core",  # core group member, police (jeroen)
    "admin",  # functional administrator (femke)
    "privacy",  # privacy officer (pieter)
    "left",  # delegate of Tactus, which left the covenant (lena)
    "outsider",  # delegate of a party that never joined (olaf)
    "anonymous",  # not signed in
)
USERNAMES = {
    "pd": "anouk",
    "pd_other": "pim",
    "secretary": "sanne",
    "coordinator": "ivo",
    "delegate": "kees",
    "manager": "marloes",
    "steering": "gerrit",
    "core": "jeroen",
    "admin": "femke",
    "privacy": "pieter",
    "left": "lena",
    "outsider": "olaf",
}
CASE_VARIANTS = ("own", "involved", "not_involved", "closed")
ITEM_VARIANTS = ("own", "released", "not_released", "not_involved", "closed")
SINCE = date(2022, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class World:
    users: dict[str, User]
    parties: dict[str, Party]
    # Objects per variant, by kind: objects["case"]["own"] is the id of the police's own case.
    # A row's argument naming a kind here takes the object of the variant being checked.
    objects: dict[str, dict[str, Any]]
    fixed: dict[str, Any] = field(default_factory=dict)  # other objects by name

    @property
    def case(self) -> dict[str, Any]:
        return self.objects["case"]

    @property
    def item(self) -> dict[str, Any]:
        return self.objects["item"]

    @property
    def release(self) -> dict[str, Any]:
        return self.objects["release"]

    @property
    def action(self) -> dict[str, Any]:
        return self.objects["action"]


class _Walker(Walker):
    """The case tests' walker, inviting the parties given (Art. 12.2e, 15.2)."""

    invite: tuple[Party, ...] = ()

    def prepare(self, case: Case) -> Case:
        case_services.conference_prepare(
            actor=act(self.secretary),
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            conference_goal="Richting bepalen en procesregie beleggen.",
            conference_date=timezone.localdate() + timedelta(days=7),
            invitations=[(p.pk, f"{p.name} is rechtstreeks betrokken.") for p in self.invite],
        )
        return fresh(case)


def _party(slug: str, name: str, kind: PartyKind, domain: PartyDomain) -> Party:
    return party_ensure(name=name, slug=slug, kind=kind, domain=domain, is_core_partner=True)


def _parties() -> tuple[Covenant, dict[str, Party]]:
    covenant = covenant_ensure(title="Convenant IJsselland", version="1.0", signed_on=SINCE)
    parties = {
        "house": party_ensure(
            name="Zorg- en Veiligheidshuis IJsselland",
            slug="zvh",
            kind=PartyKind.house,
            domain=PartyDomain.municipal,
            is_core_partner=False,
        ),
        "police": _party(
            "politie", "Politie Oost-Nederland", PartyKind.partner, PartyDomain.criminal_justice
        ),
        "ggz": _party("dimence", "Stichting Dimence", PartyKind.partner, PartyDomain.care),
        "zwolle": _party(
            "gemeente-zwolle", "Gemeente Zwolle", PartyKind.municipality, PartyDomain.municipal
        ),
        "tactus": _party("tactus", "Tactus", PartyKind.partner, PartyDomain.care),
        "outsider": party_ensure(
            name="Stichting Buitenstaander",
            slug="buitenstaander",
            kind=PartyKind.partner,
            domain=PartyDomain.care,
            is_core_partner=False,
        ),
    }
    for key in ("police", "ggz", "zwolle", "tactus"):
        membership_ensure(party=parties[key], covenant=covenant, joined_on=SINCE)
    return covenant, parties


def _people(parties: dict[str, Party]) -> dict[str, User]:
    spec = {
        "anouk": ("house", Role.process_director),
        "pim": ("house", Role.process_director),
        "sanne": ("house", Role.conference_secretary),
        "ivo": ("house", Role.information_coordinator),
        "kees": ("police", Role.partner_delegate),
        "daan": ("ggz", Role.partner_delegate),
        "marloes": ("house", Role.manager),
        "gerrit": ("zwolle", Role.steering_group_member),
        "carla": ("ggz", Role.steering_group_member),
        "hans": ("police", Role.steering_group_member),
        "jeroen": ("police", Role.core_group_member),
        "femke": ("house", Role.functional_administrator),
        "pieter": ("house", Role.privacy_officer),
        "lena": ("tactus", Role.partner_delegate),
        "olaf": ("outsider", Role.partner_delegate),
    }
    return {
        name: _person(parties, name, party, role, name.title(), "Matrix")
        for name, (party, role) in spec.items()
    }


def _cases(users: dict[str, User], parties: dict[str, Party]) -> dict[str, dict[str, Any]]:
    walker = _Walker(users["anouk"], users["sanne"], parties)
    walker.invite = (parties["police"], parties["tactus"])
    own = walker.to_execution(refer(users["kees"], parties), users["daan"])
    walker.invite = (parties["police"],)
    involved = walker.to_execution(
        refer(users["daan"], parties, reason="Zorgen over verwaarlozing en schulden."),
        users["daan"],
    )
    not_involved = refer(users["daan"], parties, reason="Ernstige overlast in de wijk.")
    closing = walker.to_execution(refer(users["kees"], parties), users["daan"])

    def add(user: str, case: Case, title: str) -> int:
        return sharing.item_add(
            actor=act(users[user]),
            ctx=CTX,
            case_id=case.pk,
            title=title,
            content=f"{title}: inhoud die alleen de juiste partijen zien.",
            kind="fact",
            regime="medical_secrecy",
            special_category=True,
            conditions_of_use="Alleen voor de casustafel.",
        ).pk

    def propose(item_id: int, party: str) -> int:
        return sharing.release_propose(
            actor=act(users["anouk"]),
            ctx=CTX,
            item_id=item_id,
            recipient_party_id=parties[party].pk,
            purpose="pre_conference",
        ).pk

    def approve(release_id: int) -> int:
        sharing.release_decide(
            actor=act(users["daan"]),
            ctx=CTX,
            release_id=release_id,
            approve=True,
            reason="Nodig voor de casustafel.",
        )
        return release_id

    items = {
        "own": add("kees", involved, "Aanhoudingen"),
        "released": add("daan", involved, "Behandelcontext"),
        "not_released": add("daan", involved, "Diagnose"),
        "not_involved": add("daan", not_involved, "Overlastmeldingen"),
        "closed": add("daan", closing, "Afgesloten behandeling"),
    }
    releases = {
        "own": propose(items["own"], "ggz"),
        "released": approve(propose(items["released"], "police")),
        "not_released": propose(items["not_released"], "police"),
        "closed": approve(propose(items["closed"], "police")),
    }
    releases["not_involved"] = releases["own"]  # a release of another item: 404 for everyone
    # Each item has a file attached by its provider (made before the case closes).
    attachments = {
        v: attachment_add(
            actor=act(users["kees" if v == "own" else "daan"]),
            ctx=CTX,
            item_id=pk,
            upload=SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf"),
        ).pk
        for v, pk in items.items()
    }
    # The walker's "to_closed" from execution: decide and complete the closure (Art. 1.12).
    closed = walker.step(closing, Action.decide_closure, motivation="Criteria gehaald.")
    closed = walker.step(
        closed,
        Action.complete_closure,
        handover_party_id=parties["zwolle"].pk,
        handover_note="Overdracht aan het sociaal team.",
    )
    cases = {
        "own": own.pk,
        "involved": involved.pk,
        "not_involved": not_involved.pk,
        "closed": closed.pk,
    }
    actions = {
        v: PlanAction.objects.filter(case_id=pk).values_list("pk", flat=True).first()
        for v, pk in cases.items()
    }
    actions["not_involved"] = actions["own"]  # no plan yet: an action of another case is 404
    return {
        "case": cases,
        "item": items,
        "release": releases,
        "action": actions,
        "attachment": attachments,
    }


def _governance(
    users: dict[str, User], parties: dict[str, Party], covenant: Covenant
) -> dict[str, object]:
    """The governance objects of tests/governance/test_gov_matrix.py, with the same services."""
    m = act(users["marloes"])
    sg, cg = Body.STEERING_GROUP, Body.CORE_GROUP
    seats = {
        name: gov.body_member_add(
            actor=m, body=sg, user=users[name], party=parties[p], seat=s, since=SINCE
        )
        for name, p, s in (
            ("gerrit", "zwolle", "voorzitter"),
            ("carla", "ggz", "GGZ"),
            ("hans", "police", "politie"),
        )
    }
    gov.body_member_add(
        actor=m,
        body=cg,
        user=users["jeroen"],
        party=parties["police"],
        core_role=CoreRole.PARTNER_DELEGATE,
        since=SINCE,
    )
    gov.body_member_add(
        actor=m, body=cg, user=users["marloes"], core_role=CoreRole.MANAGER, since=SINCE
    )
    join = gov.join_request_create(
        actor=act(users["gerrit"]),
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
    gov.join_request_inform_parties(actor=m, join_request=join)
    for key in ("police", "ggz", "zwolle", "tactus"):
        gov.join_consent_record(actor=m, join_request=join, party=parties[key], agreed=True)
    meeting = gov.meeting_create(actor=m, body=sg, held_on=timezone.localdate())

    def decided(title: str, **kw: object) -> Motion:
        motion = gov.motion_create(actor=m, body=sg, meeting=meeting, title=title, **kw)  # type: ignore[arg-type]
        for name in ("gerrit", "carla", "hans"):
            gov.vote_cast(actor=m, motion=motion, vote=Vote.FOR, member=seats[name])
        gov.motion_decide(actor=m, motion=motion)
        return motion

    motion = decided("Toetreding", kind=Motion.Kind.JOIN, join_request=join)
    raise_ = decided("Bijdrage", raises_contribution=True)  # Art. 5.7: to the District Council
    document = gov.meeting_document_add(
        actor=m, meeting=meeting, title="Stuk", file=SimpleUploadedFile("stuk.pdf", b"%PDF-1.4")
    )
    gov.annual_plan_save(actor=m, year=2027, vision="Visie")
    exclusion = gov.exclusion_propose(
        actor=m,
        party=parties["ggz"],
        covenant=covenant,
        breach="Geen deelname.",
        notice_of_default_on=None,
        heard_on=None,
        meeting=meeting,
    ).exclusion
    amendment = gov.amendment_create(
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
        "seat": seats["gerrit"].pk,
        "year": 2027,
    }


def build_world() -> World:
    covenant, parties = _parties()
    users = _people(parties)
    objects = _cases(users, parties)
    fixed = _governance(users, parties, covenant)
    # Art. 23.1c: Tactus ceased to exist a month ago; it was invited to the "own" case before.
    gov.departure_record(
        actor=act(users["marloes"]),
        party=parties["tactus"],
        covenant=covenant,
        kind=Departure.Kind.CEASED,
        given_on=timezone.localdate() - timedelta(days=30),
    )
    fixed["party"] = parties["police"].slug
    subject = CaseSubject.objects.filter(case_id=objects["case"]["own"]).values_list(
        "subject_id", flat=True
    )
    subject_id = subject.first() or 0
    fixed["subject"] = subject_id
    fixed["pseudonym"] = subject_pseudonym(subject_id)
    world = World(users=users, parties=parties, objects=objects, fixed=fixed)
    from tests.authz.world_more import extend

    extend(world)
    return world
