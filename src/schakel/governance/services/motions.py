"""Motions, votes, written input and escalation (Art. 5.4-5.8, 7.1-7.5, 4.5c, 21.4, 22.1, 23.2)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import Body, Outcome, Result, Vote, check_exclusion, decide
from schakel.domain.governance_policy import GovAction, GovFacts, annual_plan_missing
from schakel.governance import selectors
from schakel.governance.models import (
    Amendment,
    AnnualPlan,
    BodyMember,
    Exclusion,
    JoinRequest,
    Meeting,
    Motion,
    MotionVote,
    WrittenInput,
)
from schakel.governance.services._common import GovernanceRefused, audit, authorise, today
from schakel.governance.services.counting import domain_motion
from schakel.governance.services.escalations import escalate, inform_core_group
from schakel.governance.services.joining import join_decision_check
from schakel.governance.services.leaving import exclude
from schakel.governance.services.meetings import request_written_input
from schakel.parties.models import Party

_STEERING_ONLY = {
    Motion.Kind.JOIN: "Over toetreding beslist de Stuurgroep (art. 4.5c, 21.4).",
    Motion.Kind.EXCLUSION: "Alleen de Stuurgroep kan een partij uitsluiten (art. 23.2).",
    Motion.Kind.AMENDMENT: "Wijzigingen worden door de Stuurgroep besloten (art. 22.1).",
    Motion.Kind.ANNUAL_PLAN: "De Stuurgroep stelt het jaarplan vast (art. 4.4).",
}


@transaction.atomic
def motion_create(
    *,
    actor: Actor,
    body: Body,
    title: str,
    meeting: Meeting | None = None,
    text: str = "",
    affects: Iterable[Party] = (),
    raises_contribution: bool = False,
    changes_services: bool = False,
    kind: Motion.Kind = Motion.Kind.GENERAL,
    join_request: JoinRequest | None = None,
    exclusion: Exclusion | None = None,
    amendment: Amendment | None = None,
    annual_plan: AnnualPlan | None = None,
    ctx: AuditContext | None = None,
) -> Motion:
    """Put a proposal before a body (the secretary prepares the agenda, Art. 4.7, 6.7)."""
    authorise(actor, GovAction.manage_meeting)
    problems = []
    if meeting is not None and Body(meeting.body) is not body:
        problems.append("Het voorstel hoort bij een vergadering van een ander orgaan.")
    if kind in _STEERING_ONLY and body is not Body.STEERING_GROUP:
        problems.append(_STEERING_ONLY[kind])
    links = {
        Motion.Kind.JOIN: join_request,
        Motion.Kind.EXCLUSION: exclusion,
        Motion.Kind.AMENDMENT: amendment,
        Motion.Kind.ANNUAL_PLAN: annual_plan,
    }
    if kind in links and links[kind] is None:
        problems.append("Het voorstel mist het onderwerp waarover besloten wordt.")
    if problems:
        raise GovernanceRefused(problems)
    if join_request is not None:
        join_decision_check(join_request)  # Art. 21.4: all parties first
    motion = Motion.objects.create(
        body=body.value,
        meeting=meeting,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        raises_contribution=raises_contribution,
        changes_services=changes_services,
        join_request=join_request,
        exclusion=exclusion,
        amendment=amendment,
        annual_plan=annual_plan,
        created_by_id=actor.user_id,
    )
    motion.affects.set(list(affects))
    if meeting is not None:
        request_written_input(meeting)
    audit(
        ctx,
        actor,
        object_type="motion",
        object_id=motion.pk,
        purpose="Voorstel geagendeerd (art. 4.7, 6.7)",
    )
    return motion


def _member_for_vote(actor: Actor, motion: Motion, member: BodyMember | None) -> BodyMember:
    body = Body(motion.body)
    if member is None:
        authorise(
            actor, GovAction.vote, GovFacts(body=body, member_of=selectors.member_bodies(actor))
        )
        seat = selectors.seat_of(actor, body, motion.meeting.held_on if motion.meeting else None)
        if seat is None:
            raise GovernanceRefused([f"U heeft geen zetel in {body.named}."])
        return seat
    # The secretary records the votes cast in the meeting (Art. 4.7, 6.7).
    authorise(actor, GovAction.manage_meeting)
    return member


def _attendance(motion: Motion, member: BodyMember) -> bool | None:
    if motion.meeting is None:
        return None
    row = motion.meeting.attendance.filter(member=member).first()
    return None if row is None else row.present


@transaction.atomic
def vote_cast(
    *,
    actor: Actor,
    motion: Motion,
    vote: Vote,
    member: BodyMember | None = None,
    ctx: AuditContext | None = None,
) -> MotionVote:
    """A member's vote on a motion (Art. 5.4, 7.1); only present members vote."""
    seat = _member_for_vote(actor, motion, member)
    motion = (
        Motion.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=motion.pk)
    )
    problems = []
    if motion.status != Motion.Status.OPEN:
        problems.append("Over dit voorstel is al besloten.")
    present = _attendance(motion, seat)
    if motion.meeting is None:
        problems.append("Het voorstel staat nog niet op de agenda van een vergadering.")
    elif present is None:
        problems.append(f"{seat} is geen lid van dit orgaan.")
    elif not present:
        problems.append(
            f"{seat} is afwezig en kan niet stemmen; wel kan schriftelijke inbreng worden "
            "geleverd (art. 5.5, 7.2)."
        )
    if problems:
        raise GovernanceRefused(problems)
    row, _ = MotionVote.objects.update_or_create(
        motion=motion, member=seat, defaults={"vote": vote.value, "recorded_by_id": actor.user_id}
    )
    audit(
        ctx,
        actor,
        object_type="motion_vote",
        object_id=row.pk,
        purpose="Stem uitgebracht (art. 5.4, 7.1)",
    )
    return row


@transaction.atomic
def written_input_record(
    *,
    actor: Actor,
    motion: Motion,
    text: str,
    member: BodyMember | None = None,
    received_on: date | None = None,
    ctx: AuditContext | None = None,
) -> WrittenInput:
    """Art. 5.5, 7.2: the written input of an absent member (by the member or the secretary)."""
    seat = _member_for_vote(actor, motion, member)
    problems = []
    if motion.status != Motion.Status.OPEN:
        problems.append("Over dit voorstel is al besloten.")
    if _attendance(motion, seat) is not False:
        problems.append("Schriftelijke inbreng wordt gevraagd van afwezige leden (art. 5.5, 7.2).")
    if not text.strip():
        problems.append("De schriftelijke inbreng is leeg.")
    if problems:
        raise GovernanceRefused(problems)
    row, _ = WrittenInput.objects.update_or_create(
        motion=motion,
        member=seat,
        defaults={"text": text.strip(), "received_on": received_on or today()},
    )
    audit(
        ctx,
        actor,
        object_type="written_input",
        object_id=row.pk,
        purpose="Schriftelijke inbreng ontvangen (art. 5.5, 7.2)",
    )
    return row


@transaction.atomic
def motion_heard(
    *, actor: Actor, motion: Motion, party: Party, ctx: AuditContext | None = None
) -> Motion:
    """Art. 5.5, 7.2: the affected party has been heard otherwise; the block lifts."""
    authorise(actor, GovAction.manage_meeting)
    motion.heard.add(party)
    audit(
        ctx,
        actor,
        object_type="motion",
        object_id=motion.pk,
        action=AuditAction.UPDATE,
        purpose="Partij gehoord (art. 5.5, 7.2)",
    )
    return motion


def _kind_checks(motion: Motion, outcome: Outcome, on: date) -> None:
    """Rules of the subject of the motion that must hold before the decision is recorded."""
    if outcome.result is not Result.ADOPTED:
        return
    if motion.kind == Motion.Kind.JOIN and motion.join_request is not None:
        join_decision_check(motion.join_request)
    elif motion.kind == Motion.Kind.EXCLUSION and motion.exclusion is not None:
        ex = motion.exclusion
        check = check_exclusion(
            party=ex.party.name,
            decision=outcome,
            breach=ex.breach,
            notice_of_default_on=ex.notice_of_default_on,
            heard_on=ex.heard_on,
            decided_on=on,
        )
        if not check.allowed:
            raise GovernanceRefused(check.reasons)
    elif motion.kind == Motion.Kind.ANNUAL_PLAN and motion.annual_plan is not None:
        plan = motion.annual_plan
        filled = [
            k
            for k in ("vision", "priorities", "budget", "accounts", "quality", "target_groups")
            if getattr(plan, k).strip()
        ]
        missing = annual_plan_missing(filled)
        if missing:
            raise GovernanceRefused([f"Het jaarplan mist nog: {', '.join(missing)} (art. 4.4)."])


@transaction.atomic
def motion_decide(
    *, actor: Actor, motion: Motion, on: date | None = None, ctx: AuditContext | None = None
) -> Motion:
    """Count the votes and record the decision, with its consequences.

    BLOCKED (Art. 5.5, 7.2) and any rule of the subject refuse with the reasons; nothing is
    saved. No decision escalates (Art. 7.3, 5.6); contribution or services go to the DVO (5.7).
    """
    authorise(actor, GovAction.manage_meeting)
    motion = (
        Motion.objects.select_for_update(of=("self",))
        .select_related(
            "meeting",
            "join_request",
            "exclusion__party",
            "exclusion__covenant",
            "annual_plan",
            "amendment",
        )
        .get(pk=motion.pk)
    )
    if motion.status != Motion.Status.OPEN:
        raise GovernanceRefused(["Over dit voorstel is al besloten."])
    day = on or today()
    outcome = decide(domain_motion(motion))
    if outcome.result is Result.BLOCKED:
        raise GovernanceRefused(outcome.reasons)
    _kind_checks(motion, outcome, day)

    motion.status = Motion.Status.DECIDED
    motion.result = outcome.result.value
    motion.votes_for = outcome.votes_for
    motion.votes_against = outcome.votes_against
    motion.abstentions = outcome.abstentions
    motion.consensus = outcome.consensus
    motion.refer_to_dvo = outcome.refer_to_dvo
    motion.discuss_in_rciv = outcome.discuss_in_rciv
    motion.reasons = "\n".join(outcome.reasons)
    motion.decided_on = day
    motion.decided_by_id = actor.user_id
    motion.save()
    audit(
        ctx,
        actor,
        object_type="motion",
        object_id=motion.pk,
        action=AuditAction.UPDATE,
        purpose=f"Besluit: {outcome.result.value} (art. 5.4, 7.1)",
    )

    if outcome.escalate_to is not None:
        escalate(actor, motion, outcome.escalate_to, outcome.reasons[0], day, ctx)
    if outcome.refer_to_dvo:
        escalate(
            actor,
            motion,
            Body.DISTRICT_SAFETY_COUNCIL,
            "Voorstel aan het Districtelijk Veiligheidsoverleg (art. 5.7, 7.4).",
            day,
            ctx,
        )
    if motion.join_request is not None and outcome.result is Result.REJECTED:
        JoinRequest.objects.filter(pk=motion.join_request.pk).update(
            decision=motion, decided_on=day
        )
    if outcome.result is Result.ADOPTED:
        _apply(actor, motion, day, ctx)
    inform_core_group(motion, ctx, actor)  # Art. 5.8
    return motion


def motion_schedule(
    *, actor: Actor, motion: Motion, meeting: Meeting, ctx: AuditContext | None = None
) -> Motion:
    """Put an escalated (or unscheduled) motion on a meeting of its body."""
    authorise(actor, GovAction.manage_meeting)
    if Body(meeting.body) is not Body(motion.body) or motion.status != Motion.Status.OPEN:
        raise GovernanceRefused(["Dit voorstel kan niet op deze vergadering."])
    motion.meeting = meeting
    motion.save(update_fields=["meeting"])
    request_written_input(meeting)
    audit(
        ctx,
        actor,
        object_type="motion",
        object_id=motion.pk,
        action=AuditAction.UPDATE,
        purpose="Voorstel geagendeerd (art. 4.7, 6.7)",
    )
    return motion


def _apply(actor: Actor, motion: Motion, day: date, ctx: AuditContext | None) -> None:
    """Consequences of an adopted motion for its subject."""
    if motion.kind == Motion.Kind.JOIN and motion.join_request is not None:
        JoinRequest.objects.filter(pk=motion.join_request.pk).update(
            decision=motion, decided_on=day
        )
    elif motion.kind == Motion.Kind.EXCLUSION and motion.exclusion is not None:
        exclude(actor=actor, exclusion=motion.exclusion, decided_on=day, ctx=ctx)
    elif motion.kind == Motion.Kind.ANNUAL_PLAN and motion.annual_plan is not None:
        AnnualPlan.objects.filter(pk=motion.annual_plan.pk).update(adopted_on=day)
    elif motion.kind == Motion.Kind.AMENDMENT and motion.amendment is not None:
        Amendment.objects.filter(pk=motion.amendment.pk).update(adopted_on=day)
