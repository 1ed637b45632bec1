"""The agenda: a case per item with its goal, the decisions needed and the themes (Art. 12.2c),
and the parties invited *for that item*, each with its lawful ground (Art. 12.2e, 15.2).

The case changes only through the case services: `conference_prepare` records the goal and the
date, `case_party_invite` / `case_party_remove` the invited party (so being invited is what
gives a party sight of the case, and ending the invitation ends it), and `case_transition`
puts a case that is ready on the table (schedule_conference).
"""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases import services as case_services
from schakel.cases.facts import case_allowed_actions
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.cases.selectors import case_visibility_q
from schakel.domain.actor import Actor
from schakel.domain.workflow import Action, Phase
from schakel.meetings.mail import send_calendar_after_commit
from schakel.meetings.models import AgendaItem, Invitation, Meeting, MeetingKind, MeetingStatus
from schakel.meetings.selectors import CONFERENCE_PHASES
from schakel.meetings.services._common import (
    audit_change,
    fresh_version,
    lock_item,
    lock_meeting,
    meeting_write,
    raise_if,
    require_status,
)

PURPOSE_AGENDA = "Art. 12.2c-e agenda casustafel"


def case_goal_text(goal: str, decisions_needed: str, themes: str) -> str:
    """The case's conference goal (Art. 12.2c) as the agenda item states it."""
    return "\n\n".join(
        [
            goal,
            _("Decisions needed: %(text)s") % {"text": decisions_needed},
            _("Themes: %(text)s") % {"text": themes},
        ]
    )


@meeting_write
def agenda_item_add(
    *,
    actor: Actor,
    ctx: AuditContext,
    meeting_id: int,
    case_id: int | None,
    goal: str,
    decisions_needed: str,
    themes: str,
) -> AgendaItem:
    """Put a case on the agenda. A regional table takes new cases from triage (preparation)
    and cases to monitor; an MDO is held for one case in the MDO phase (Fase 4)."""
    meeting = lock_meeting(actor=actor, ctx=ctx, meeting_id=meeting_id)
    require_status(meeting, MeetingStatus.planned)
    errors: dict[str, list[str]] = {}
    visible = Case.objects.filter(case_visibility_q(actor))
    case = visible.filter(pk=case_id).first() if case_id is not None else None
    phases = [Phase.mdo] if meeting.kind == MeetingKind.mdo else list(CONFERENCE_PHASES)
    if case is None or case.phase not in phases:
        errors["case"] = [_("Choose a case from the list.")]
    elif AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        errors["case"] = [_("This case is already on the agenda.")]
    elif meeting.kind == MeetingKind.mdo and meeting.items.exists():
        errors["case"] = [_("An MDO is held for one case.")]
    texts = {"goal": goal, "decisions_needed": decisions_needed, "themes": themes}
    messages = {
        "goal": _("Describe the goal of discussing this case (Art. 12.2c)."),
        "decisions_needed": _("Describe the decisions the table is asked to take."),
        "themes": _("Name the themes of the discussion (Art. 12.2c)."),
    }
    for name, text in texts.items():
        texts[name] = (text or "").strip()
        if not texts[name]:
            errors[name] = [messages[name]]
        elif len(texts[name]) > 2000:
            errors[name] = [_("At most 2000 characters.")]
    raise_if(errors)
    assert case is not None
    if case.phase in (Phase.preparation, Phase.execution):
        # Fase 2: the case's own goal and date are set through the case service.
        case_services.conference_prepare(
            actor=actor,
            ctx=ctx,
            case_id=case.pk,
            expected_version=fresh_version(case.pk),
            conference_goal=case_goal_text(**texts),
            conference_date=timezone.localdate(meeting.starts_at),
            invitations=[],
        )
    position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        position=position,
        added_by_id=actor.user_id,
        added_at=timezone.now(),
        **texts,
    )
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.CREATE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_AGENDA,
        case_id=case.pk,
    )
    return item


def schedule_if_ready(*, actor: Actor, ctx: AuditContext, case_id: int) -> bool:
    """Fase 2 -> 3: a case in preparation with its goal, date and a justified invitation goes
    onto the table (the workflow table decides whether it is ready)."""
    case = Case.objects.prefetch_related("parties").get(pk=case_id)
    if case.phase != Phase.preparation:
        return False
    if Action.schedule_conference not in case_allowed_actions(actor=actor, case=case):
        return False
    case_services.case_transition(
        actor=actor,
        ctx=ctx,
        case_id=case.pk,
        expected_version=case.version,
        action=Action.schedule_conference,
    )
    return True


@meeting_write
def invitation_add(
    *, actor: Actor, ctx: AuditContext, item_id: int, party_id: int | None, justification: str
) -> Invitation:
    """Invite a party for one item, with its justification (Art. 12.2e, 15.2). The party becomes
    an invited party of the case; its delegates get the calendar invitation by e-mail."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    require_status(item.meeting, MeetingStatus.planned)
    justification = (justification or "").strip()
    errors: dict[str, list[str]] = {}
    if not justification:
        errors["justification"] = [
            _("Record why this party may lawfully and directly take part (Art. 12.2e).")
        ]
    elif len(justification) > 2000:
        errors["justification"] = [_("At most 2000 characters.")]
    if (
        party_id is not None
        and Invitation.objects.filter(
            item=item, party_id=party_id, removed_at__isnull=True
        ).exists()
    ):
        errors["party"] = [_("This party is already invited for this item.")]
    if party_id is None:
        errors["party"] = [_("Choose a party.")]
    raise_if(errors)
    assert party_id is not None
    already = Invitation.objects.filter(
        item__meeting=item.meeting, party_id=party_id, removed_at__isnull=True
    ).exists()
    case_services.case_party_invite(
        actor=actor,
        ctx=ctx,
        case_id=item.case_id,
        expected_version=fresh_version(item.case_id),
        party_id=party_id,
        justification=justification,
    )
    invitation = Invitation.objects.create(
        item=item,
        party_id=party_id,
        justification=justification,
        invited_by_id=actor.user_id,
        invited_at=timezone.now(),
    )
    if item.meeting.kind == MeetingKind.conference:
        schedule_if_ready(actor=actor, ctx=ctx, case_id=item.case_id)
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.CREATE,
        kind="invitation",
        pk=invitation.pk,
        purpose=PURPOSE_AGENDA,
        case_id=item.case_id,
    )
    if not already:  # one calendar event per party per meeting, however many items
        send_calendar_after_commit(item.meeting, [party_id])
    return invitation


@meeting_write
def invitation_remove(
    *, actor: Actor, ctx: AuditContext, item_id: int, invitation_id: int
) -> Invitation:
    """End an invitation. When the party is invited for no other item of the case, its
    involvement in the case ends through `case_party_remove` (its access ends at once); when it
    is invited for nothing else in this meeting, its delegates get the cancellation."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    require_status(item.meeting, MeetingStatus.planned)
    invitation = Invitation.objects.filter(
        pk=invitation_id, item=item, removed_at__isnull=True
    ).first()
    if invitation is None:
        raise_if({"invitation": [_("This invitation does not exist (any more).")]})
    assert invitation is not None
    invitation.removed_at = timezone.now()
    invitation.save(update_fields=["removed_at"])
    others = Invitation.objects.filter(party_id=invitation.party_id, removed_at__isnull=True)
    end_involvement_if_last(
        actor=actor, ctx=ctx, case_id=item.case_id, party_id=invitation.party_id
    )
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.DELETE,
        kind="invitation",
        pk=invitation.pk,
        purpose=PURPOSE_AGENDA,
        case_id=item.case_id,
    )
    if not others.filter(item__meeting=item.meeting).exists():
        _send_cancel_to_party(item, invitation.party_id)
    return invitation


def end_involvement_if_last(
    *, actor: Actor, ctx: AuditContext, case_id: int, party_id: int
) -> None:
    """When the party is invited for no other item of the case, its invited involvement in the
    case ends through `case_party_remove` (its access ends at once, Art. 9.2, 15.2)."""
    if Invitation.objects.filter(
        party_id=party_id, removed_at__isnull=True, item__case_id=case_id
    ).exists():
        return
    row = CaseParty.objects.filter(
        case_id=case_id,
        party_id=party_id,
        relation=CaseRelationKind.invited,
        removed_at__isnull=True,
    ).first()
    if row is not None:
        case_services.case_party_remove(
            actor=actor,
            ctx=ctx,
            case_id=case_id,
            expected_version=fresh_version(case_id),
            case_party_id=row.pk,
        )


def send_cancel_to_parties(meeting: Meeting, party_ids: set[int]) -> None:
    """The parties are no longer invited to this meeting: their calendar event is cancelled.
    The meeting goes on, so the cancellation is built from a cancelled copy; SEQUENCE is raised
    on the meeting too, so a later re-invitation outranks this cancellation (RFC 5545)."""
    if not party_ids:
        return
    meeting.sequence += 1
    meeting.save(update_fields=["sequence"])
    copy = type(meeting).objects.get(pk=meeting.pk)
    copy.status = MeetingStatus.cancelled
    send_calendar_after_commit(copy, party_ids)


def _send_cancel_to_party(item: AgendaItem, party_id: int) -> None:
    send_cancel_to_parties(item.meeting, {party_id})
