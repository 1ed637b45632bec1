"""Reads of governance records. Something the actor may not see is None (the view answers 404).

Governance records hold no personal data of subjects; reads are therefore not logged one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from schakel.domain.actor import Actor
from schakel.domain.covenant import (
    Amendment as DomainAmendment,
)
from schakel.domain.covenant import (
    AmendmentStatus,
    Body,
    Consent,
    JoinState,
    Outcome,
    Result,
    amendment_status,
    current_term_end,
    initial_term_end,
    join_status,
    next_renewal_date,
)
from schakel.domain.covenant import (
    JoinRequest as DomainJoinRequest,
)
from schakel.domain.governance_policy import GovAction, GovFacts, governance_allows
from schakel.governance.models import (
    Amendment,
    AnnualPlan,
    BodyMember,
    Departure,
    Escalation,
    Exclusion,
    JoinRequest,
    Meeting,
    Motion,
)
from schakel.parties.models import Covenant, Membership, Party


def member_bodies(actor: Actor, on: date | None = None) -> frozenset[Body]:
    """The bodies the actor has a seat in on ``on`` (today by default)."""
    day = on or timezone.localdate()
    values = (
        BodyMember.objects.filter(user_id=actor.user_id, since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gt=day))
        .values_list("body", flat=True)
    )
    return frozenset(Body(v) for v in values)


def allows(actor: Actor, action: GovAction, **facts: object) -> bool:
    """The policy, with the actor's seats filled in."""
    return governance_allows(
        actor,
        action,
        GovFacts(member_of=member_bodies(actor), **facts),  # type: ignore[arg-type]
    )


def active_members(body: Body, on: date) -> QuerySet[BodyMember]:
    return (
        BodyMember.objects.filter(body=body.value, since__lte=on)
        .filter(Q(until__isnull=True) | Q(until__gt=on))
        .select_related("user", "party")
        .order_by("id")
    )


def seat_of(actor: Actor, body: Body, on: date | None = None) -> BodyMember | None:
    day = on or timezone.localdate()
    return active_members(body, day).filter(user_id=actor.user_id).first()


def member_parties(on: date | None = None) -> QuerySet[Party]:
    """The parties of the covenant on ``on``: members that have not left."""
    day = on or timezone.localdate()
    ids = (
        Membership.objects.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .values("party_id")
    )
    return Party.objects.filter(pk__in=ids).order_by("name")


# --- Covenant register --------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    signed_on: date
    initial_end: date
    current_end: date
    next_renewal: date


def covenant_term(covenant: Covenant, on: date | None = None) -> Term | None:
    """Art. 23.1a: at least five years from signing, then renewed a year at a time."""
    day = on or timezone.localdate()
    if day < covenant.signed_on:
        return None
    return Term(
        covenant.signed_on,
        initial_term_end(covenant.signed_on),
        current_term_end(covenant.signed_on, day),
        next_renewal_date(covenant.signed_on, day),
    )


def covenant_list(actor: Actor) -> QuerySet[Covenant] | None:
    if not allows(actor, GovAction.view_register):
        return None
    return Covenant.objects.prefetch_related("signatures__party", "documents").order_by(
        "-signed_on"
    )


def covenant_get(actor: Actor, covenant_id: int) -> Covenant | None:
    qs = covenant_list(actor)
    return None if qs is None else qs.filter(pk=covenant_id).first()


def covenant_current() -> Covenant | None:
    return Covenant.objects.order_by("-signed_on").first()


# --- Joining ------------------------------------------------------------------------------------


def outcome_of(motion: Motion | None) -> Outcome | None:
    """The stored result of a decided motion, as the domain's Outcome."""
    if motion is None or motion.status != Motion.Status.DECIDED:
        return None
    return Outcome(
        body=Body(motion.body),
        result=Result(motion.result),
        votes_for=motion.votes_for,
        votes_against=motion.votes_against,
        abstentions=motion.abstentions,
        consensus=motion.consensus,
        escalate_to=None,
        blocking_parties=(),
        refer_to_dvo=motion.refer_to_dvo,
        discuss_in_rciv=motion.discuss_in_rciv,
        reasons=tuple(motion.reasons.splitlines()),
    )


def join_domain(request: JoinRequest) -> tuple[DomainJoinRequest, list[str]]:
    """The join request as the domain sees it, and the names of the parties that must agree."""
    parties = [p.name for p in member_parties()]
    consents = {
        c.party.name: Consent(c.answer)
        for c in request.consents.select_related("party")
        if c.party.name in parties
    }
    domain = DomainJoinRequest(
        organisation=request.organisation,
        contribution=request.contribution,
        received_by=str(request.received_by),
        received_via=Body(request.received_via),
        parties_informed_on=request.parties_informed_on,
        consents=consents,
        decision=outcome_of(request.decision),
        decided_on=request.decided_on,
        annex1_signed_by_organisation_on=request.annex1_signed_by_organisation_on,
        annex1_signed_by_chair_on=request.annex1_signed_by_chair_on,
    )
    return domain, parties


def join_state(request: JoinRequest) -> JoinState:
    domain, parties = join_domain(request)
    return join_status(domain, parties)


def join_request_list(actor: Actor) -> QuerySet[JoinRequest] | None:
    if not allows(actor, GovAction.view_joining):
        return None
    return JoinRequest.objects.select_related("received_by", "party", "decision")


def join_request_get(actor: Actor, request_id: int) -> JoinRequest | None:
    qs = join_request_list(actor)
    if qs is not None:
        return qs.filter(pk=request_id).first()
    # A party's delegate sees a request on which its consent is asked (Art. 21.3, 21.4).
    request = JoinRequest.objects.filter(pk=request_id, parties_informed_on__isnull=False).first()
    if request and allows(actor, GovAction.record_consent, party_id=actor.party_id):
        return request
    return None


def consents_asked_of(actor: Actor) -> list[JoinRequest]:
    """Join requests the actor's party was informed of and has not answered yet."""
    if not allows(actor, GovAction.record_consent, party_id=actor.party_id):
        return []
    if not member_parties().filter(pk=actor.party_id).exists():
        return []
    return list(
        JoinRequest.objects.filter(parties_informed_on__isnull=False, decision__isnull=True)
        .exclude(consents__party_id=actor.party_id)
        .order_by("requested_on")
    )


# --- Meetings, motions, decisions ---------------------------------------------------------------


def meeting_list(actor: Actor) -> QuerySet[Meeting]:
    """Art. 5.9, 7.6: meetings are not public; the actor sees the meetings of their bodies."""
    bodies = [b for b in Body if allows(actor, GovAction.view_meeting, body=b)]
    return Meeting.objects.filter(body__in=[b.value for b in bodies])


def meeting_get(actor: Actor, meeting_id: int) -> Meeting | None:
    return meeting_list(actor).filter(pk=meeting_id).first()


def motion_list(actor: Actor) -> QuerySet[Motion]:
    bodies = [b.value for b in Body if allows(actor, GovAction.view_meeting, body=b)]
    return Motion.objects.filter(body__in=bodies).select_related("meeting")


def motion_get(actor: Actor, motion_id: int) -> Motion | None:
    return motion_list(actor).filter(pk=motion_id).first()


def escalation_get(actor: Actor, escalation_id: int) -> Escalation | None:
    """An escalation, seen by whoever sees the motion it came from."""
    return (
        Escalation.objects.filter(pk=escalation_id, motion__in=motion_list(actor))
        .select_related("motion")
        .first()
    )


def seat_list(actor: Actor) -> QuerySet[BodyMember] | None:
    """Every seat, past and present, for those who keep them (Art. 4.3, 6.3, 6.5)."""
    if not allows(actor, GovAction.manage_seats):
        return None
    return (
        BodyMember.objects.select_related("user", "party")
        .prefetch_related("mandated_by")
        .order_by("body", "until", "since", "id")
    )


def seat_get(actor: Actor, seat_id: int) -> BodyMember | None:
    qs = seat_list(actor)
    return None if qs is None else qs.filter(pk=seat_id).first()


def exclusion_get(actor: Actor, exclusion_id: int) -> Exclusion | None:
    if not allows(actor, GovAction.manage_exclusion):
        return None
    return Exclusion.objects.select_related("party").filter(pk=exclusion_id).first()


def decision_list(actor: Actor) -> QuerySet[Motion] | None:
    """The decision register (Art. 5.8, 7.5): everything decided, by whom, with the vote."""
    if not allows(actor, GovAction.view_decisions):
        return None
    return (
        Motion.objects.filter(status=Motion.Status.DECIDED)
        .select_related("meeting", "decided_by")
        .prefetch_related("votes__member__user", "escalations")
        .order_by("-decided_on", "-id")
    )


# --- Leaving, annual plan, amendments -----------------------------------------------------------


def departure_list(actor: Actor) -> QuerySet[Departure] | None:
    if not allows(actor, GovAction.view_notices):
        return None
    return Departure.objects.select_related("party", "covenant")


def departure_of_party(actor: Actor) -> Departure | None:
    return Departure.objects.filter(party_id=actor.party_id).select_related("covenant").first()


def annual_plan_list(actor: Actor) -> list[AnnualPlan]:
    return [
        p
        for p in AnnualPlan.objects.all()
        if allows(actor, GovAction.view_annual_plan, plan_sent=p.sent_on is not None)
    ]


def annual_plan_get(actor: Actor, year: int) -> AnnualPlan | None:
    plan = AnnualPlan.objects.filter(year=year).first()
    if plan and allows(actor, GovAction.view_annual_plan, plan_sent=plan.sent_on is not None):
        return plan
    return None


def amendment_domain_status(amendment: Amendment) -> AmendmentStatus:
    adopted_motion = amendment.motions.filter(
        status=Motion.Status.DECIDED, result=Result.ADOPTED.value
    ).first()
    fallback = Outcome(
        Body.STEERING_GROUP, Result.NO_DECISION, 0, 0, 0, False, None, (), False, False, ()
    )
    signatures = {s.party.name: s.signed_on for s in amendment.signatures.select_related("party")}
    withdrawn = frozenset(
        Departure.objects.filter(amendment=amendment).values_list("party__name", flat=True)
    )
    domain = DomainAmendment(
        articles_changed=tuple(amendment.article_refs()),
        adoption=outcome_of(adopted_motion) or fallback,
        effective_on=amendment.effective_on,
        signatures=signatures,
        withdrawn=withdrawn,
    )
    parties = [p.name for p in member_parties(amendment.effective_on)] or [
        p.name for p in member_parties()
    ]
    return amendment_status(domain, parties)


def amendment_list(actor: Actor) -> QuerySet[Amendment] | None:
    if not allows(actor, GovAction.view_register):
        return None
    return Amendment.objects.select_related("covenant")


def amendment_get(actor: Actor, amendment_id: int) -> Amendment | None:
    qs = amendment_list(actor)
    return None if qs is None else qs.filter(pk=amendment_id).first()


def body_problems(year: int, on: date | None = None) -> list[str]:
    """Dutch problems with the bodies: meeting frequency in ``year`` (Art. 4.2, 6.2) and the
    composition of the Kerngroepoverleg (Art. 6.3, 6.5, Bijlage 4)."""
    from schakel.accounts.models import RoleAssignment
    from schakel.domain.covenant import (
        CoreGroupMember,
        CoreRole,
        check_core_group_composition,
        meeting_frequency_problems,
    )

    day = on or timezone.localdate()
    problems: list[str] = []
    for body in (Body.STEERING_GROUP, Body.CORE_GROUP):
        dates = Meeting.objects.filter(body=body.value, held_on__year=year).values_list(
            "held_on", flat=True
        )
        problems.extend(meeting_frequency_problems(body, dates, year))
    seats = active_members(Body.CORE_GROUP, day).prefetch_related("mandated_by")
    if not seats:
        return problems
    members = [
        CoreGroupMember(
            name=str(s.user),
            role=CoreRole(s.core_role or CoreRole.PARTNER_DELEGATE.value),
            party=s.party.name if s.party else None,
            mandated_by=frozenset(p.name for p in s.mandated_by.all()),
            mandate_accepted_in_writing=s.mandate_accepted_in_writing,
        )
        for s in seats
    ]
    parties = member_parties(day)
    directors = RoleAssignment.objects.filter(
        role="process_director", user__is_active=True
    ).select_related("user")
    problems.extend(
        check_core_group_composition(
            members,
            core_partners=[p.name for p in parties.filter(is_core_partner=True)],
            municipalities=[p.name for p in parties.filter(kind="municipality")],
            process_directors=[str(r.user) for r in directors],
        )
    )
    return problems
