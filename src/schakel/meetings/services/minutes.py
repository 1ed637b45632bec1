"""At and after the table: attendance per item, the minutes per item (encrypted at rest), the
decision per case through the case services, and the minutes to that item's parties only
(Bijlage 3 Fase 3-4; Art. 8.3, 8.4, 9.2, 15.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases import services as case_services
from schakel.cases.errors import CaseForbidden
from schakel.domain.actor import Actor
from schakel.domain.workflow import Action, Decision, Phase
from schakel.meetings.mail import send_minutes_after_commit
from schakel.meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    MeetingKind,
    MeetingStatus,
    Minutes,
)
from schakel.meetings.pdf import minutes_pdf
from schakel.meetings.services._common import (
    audit_change,
    fresh_version,
    lock_item,
    meeting_write,
    raise_if,
    require_status,
)
from schakel.meetings.services.agenda import schedule_if_ready

PURPOSE_MINUTES = "Art. 15.2 verslag casustafel"
PURPOSE_DECISION = "Art. 8.3, 9.1 besluit casustafel"
PURPOSE_MDO = "Art. 8.4 plan van aanpak (MDO)"
PLAN_ADOPTED = "plan_adopted"
MAX_MINUTES = 20000


@dataclass(frozen=True)
class AttendanceInput:
    invitation_id: int
    attendance: str
    attendee: str = ""


@meeting_write
def attendance_record(
    *, actor: Actor, ctx: AuditContext, item_id: int, rows: list[AttendanceInput]
) -> None:
    """Who attended for each invited party at this item."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    require_status(item.meeting, MeetingStatus.planned, MeetingStatus.held)
    invitations = {i.pk: i for i in Invitation.objects.filter(item=item, removed_at__isnull=True)}
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        if row.invitation_id not in invitations:
            errors.setdefault(f"rows[{index}].invitation", []).append(
                _("This invitation does not exist (any more).")
            )
        if row.attendance not in Attendance.values:
            errors.setdefault(f"rows[{index}].attendance", []).append(_("Choose an option."))
        if len(row.attendee or "") > 200:
            errors.setdefault(f"rows[{index}].attendee", []).append(_("At most 200 characters."))
    raise_if(errors)
    for row in rows:
        invitation = invitations[row.invitation_id]
        invitation.attendance = row.attendance
        invitation.attendee = (row.attendee or "").strip()
        invitation.save(update_fields=["attendance", "attendee"])
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_MINUTES,
    )


@meeting_write
def minutes_save(*, actor: Actor, ctx: AuditContext, item_id: int, text: str) -> Minutes:
    """Write or rewrite the minutes of one item, during or after the meeting."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    require_status(item.meeting, MeetingStatus.planned, MeetingStatus.held)
    text = (text or "").strip()
    if not text:
        raise_if({"text": [_("Write the minutes.")]})
    if len(text) > MAX_MINUTES:
        raise_if({"text": [_("At most %(n)s characters.") % {"n": MAX_MINUTES}]})
    minutes, created = Minutes.objects.update_or_create(
        item=item,
        defaults={"text": text, "written_by_id": actor.user_id, "updated_at": timezone.now()},
    )
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        kind="minutes",
        pk=minutes.pk,
        purpose=PURPOSE_MINUTES,
        case_id=item.case_id,
    )
    return minutes


def _record_outcome(item: AgendaItem, actor: Actor, outcome: str) -> None:
    item.outcome = outcome
    item.decided_by_id = actor.user_id
    item.decided_at = timezone.now()
    item.save(update_fields=["outcome", "decided_by", "decided_at"])


def _require_open(item: AgendaItem) -> None:
    require_status(item.meeting, MeetingStatus.planned, MeetingStatus.held)
    if item.outcome:
        raise CaseForbidden(_("The decision on this item has been recorded."), "decided")


@meeting_write
def item_decide(
    *,
    actor: Actor,
    ctx: AuditContext,
    item_id: int,
    decision: str,
    motivation: str,
) -> AgendaItem:
    """The table's decision on the case (one of the five of Bijlage 3, Fase 3); the case moves
    on through `case_transition`, which checks the workflow table."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    _require_open(item)
    errors: dict[str, list[str]] = {}
    if item.meeting.kind != MeetingKind.conference:
        errors["decision"] = [_("An MDO adopts a plan of action; it takes no table decision.")]
    if decision not in Decision.__members__:
        errors["decision"] = [_("Choose the decision of the case conference.")]
    if not (motivation or "").strip():
        errors["motivation"] = [_("Record the motivation of the decision.")]
    raise_if(errors)
    schedule_if_ready(actor=actor, ctx=ctx, case_id=item.case_id)
    case_services.case_transition(
        actor=actor,
        ctx=ctx,
        case_id=item.case_id,
        expected_version=fresh_version(item.case_id),
        action=Action.record_conference_decision,
        decision=Decision(decision),
        motivation=motivation.strip(),
    )
    _record_outcome(item, actor, decision)
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_DECISION,
        case_id=item.case_id,
    )
    return item


@dataclass(frozen=True)
class PlanInput:
    """What an MDO agrees (Art. 8.4a-d, 13.1; Bijlage 3 Fase 4)."""

    case_director_id: int | None
    informer_party_id: int | None
    inform_on: date | None
    inform_postponed_reason: str
    goals: list[case_services.GoalInput]
    closure_criteria: str
    actions: list[case_services.ActionInput]


@meeting_write
def item_adopt_plan(
    *, actor: Actor, ctx: AuditContext, item_id: int, plan: PlanInput
) -> AgendaItem:
    """The MDO's outcome: the case director, who informs the subject, the plan of action with
    the agreed actions, then the plan is adopted (mdo -> execution). Each step is the case
    service's; if any refuses, nothing of it is kept."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    _require_open(item)
    if item.meeting.kind != MeetingKind.mdo or item.case.phase != Phase.mdo:
        raise_if({"case_director": [_("The case is not in the MDO phase.")]})
    case_id = item.case_id
    case_services.case_director_assign(
        actor=actor,
        ctx=ctx,
        case_id=case_id,
        expected_version=fresh_version(case_id),
        user_id=plan.case_director_id,
    )
    case_services.case_informing_set(
        actor=actor,
        ctx=ctx,
        case_id=case_id,
        expected_version=fresh_version(case_id),
        informer_party_id=plan.informer_party_id,
        inform_on=plan.inform_on,
        postponed_reason=plan.inform_postponed_reason,
    )
    case_services.plan_save(
        actor=actor,
        ctx=ctx,
        case_id=case_id,
        expected_version=fresh_version(case_id),
        goals=plan.goals,
        closure_criteria=plan.closure_criteria,
        new_actions=plan.actions,
    )
    case_services.case_transition(
        actor=actor,
        ctx=ctx,
        case_id=case_id,
        expected_version=fresh_version(case_id),
        action=Action.adopt_plan,
    )
    _record_outcome(item, actor, PLAN_ADOPTED)
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_MDO,
        case_id=case_id,
    )
    return item


def minutes_context(item: AgendaItem, minutes: Minutes, invitations: list[Invitation]) -> dict:  # type: ignore[type-arg]
    return {"item": item, "meeting": item.meeting, "minutes": minutes, "invitations": invitations}


@meeting_write
def minutes_send(*, actor: Actor, ctx: AuditContext, item_id: int) -> int:
    """Mail the minutes of one item, as a PDF of that item marked confidential, to the delegates
    of the parties invited for *that item* only (Art. 9.2, 12.2e). Returns how many."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    require_status(item.meeting, MeetingStatus.planned, MeetingStatus.held)
    minutes = Minutes.objects.filter(item=item).first()
    if minutes is None:
        raise_if({"text": [_("Write the minutes first.")]})
    assert minutes is not None
    invitations = list(
        Invitation.objects.filter(item=item, removed_at__isnull=True).select_related("party")
    )
    pdf = minutes_pdf(minutes_context(item, minutes, invitations))
    count = send_minutes_after_commit(item, pdf, [i.party_id for i in invitations])
    minutes.sent_at = timezone.now()
    minutes.save(update_fields=["sent_at"])
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.EXPORT,
        kind="minutes",
        pk=minutes.pk,
        purpose=PURPOSE_MINUTES,
        case_id=item.case_id,
    )
    return count
