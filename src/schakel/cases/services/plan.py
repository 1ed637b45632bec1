"""Fase 4 and 4a: the case director, informing the subject, the plan of action (versioned),
its actions and progress notes (Art. 8.4, 13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden
from schakel.cases.models import (
    ActionPlan,
    ActionStatus,
    CaseParty,
    CaseRelationKind,
    LifeDomain,
    PlanAction,
    ProgressNote,
)
from schakel.cases.services._base import (
    case_write,
    lock_case,
    party_or_error,
    raise_if,
    require_role,
    required_text,
    touch,
    user_or_error,
)
from schakel.cases.services.search_keys import refresh_search_keys
from schakel.domain.actor import Actor
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase

PURPOSE_PLAN = "Art. 8.4 plan van aanpak"
PURPOSE_EXECUTION = "Art. 13 uitvoering plan van aanpak"


@dataclass(frozen=True)
class GoalInput:
    life_domain: str
    goal: str


@dataclass(frozen=True)
class ActionInput:
    life_domain: str
    description: str
    owning_party_id: int | None
    due_on: date | None
    owner_id: int | None = None


def _in_phase(phase: str, *phases: Phase) -> None:
    if phase not in phases:
        raise CaseForbidden(_("This is not possible in the current phase."), "phase_not_allowed")


@case_write
def case_director_assign(
    *, actor: Actor, ctx: AuditContext, case_id: int, expected_version: int, user_id: int | None
) -> None:
    """The MDO names the case director, from the party where the weight of care lies (13.1)."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director)
    _in_phase(case.phase, Phase.mdo, Phase.execution)
    errors: dict[str, list[str]] = {}
    user = user_or_error(errors, "case_director", user_id, Role.partner_delegate)
    raise_if(errors)
    assert user is not None
    now = timezone.now()
    CaseParty.objects.filter(
        case=case, relation=CaseRelationKind.case_director, removed_at__isnull=True
    ).exclude(party_id=user.party_id).update(removed_at=now)
    CaseParty.objects.get_or_create(
        case=case,
        party_id=user.party_id,
        relation=CaseRelationKind.case_director,
        removed_at=None,
        defaults={
            "justification": _("Party of the case director (Art. 13.1)."),
            "added_by_id": actor.user_id,
            "added_at": now,
        },
    )
    refresh_search_keys(case.pk)
    case.case_director = user
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="case_director",
        detail=user.get_full_name(),
        purpose=PURPOSE_PLAN,
    )


@case_write
def case_informing_set(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    informer_party_id: int | None,
    inform_on: date | None,
    postponed_reason: str = "",
) -> None:
    """Who informs the subject, and when, or why not yet (Bijlage 3, Fase 4)."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director)
    errors: dict[str, list[str]] = {}
    party = party_or_error(errors, "informer_party", informer_party_id)
    postponed_reason = (postponed_reason or "").strip()
    if inform_on is None and not postponed_reason:
        errors["inform_on"] = [
            _("Choose when the subject is informed, or record why informing is postponed.")
        ]
    raise_if(errors)
    case.informer_party = party
    case.inform_on = inform_on
    case.inform_postponed_reason = postponed_reason
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="informing",
        detail=party.name if party else "",
        purpose=PURPOSE_PLAN,
    )


def _validate_plan(
    goals: list[GoalInput],
    actions: list[ActionInput],
    closure_criteria: str,
    errors: dict[str, list[str]],
) -> list[tuple[ActionInput, int]]:
    required_text(
        errors,
        "closure_criteria",
        closure_criteria,
        _("Record when the case can be closed (Art. 8.4d)."),
    )
    if not goals:
        errors["goals"] = [_("Record at least one goal.")]
    for index, goal in enumerate(goals):
        if goal.life_domain not in LifeDomain.values:
            errors.setdefault(f"goals[{index}].life_domain", []).append(_("Choose a life domain."))
        required_text(errors, f"goals[{index}].goal", goal.goal, _("Describe the goal."))
    checked = []
    today = timezone.localdate()
    for index, action in enumerate(actions):
        prefix = f"actions[{index}]."
        if action.life_domain not in LifeDomain.values:
            errors.setdefault(prefix + "life_domain", []).append(_("Choose a life domain."))
        required_text(errors, prefix + "description", action.description, _("Describe the action."))
        if len(action.description or "") > 500:
            errors.setdefault(prefix + "description", []).append(_("At most 500 characters."))
        party = party_or_error(errors, prefix + "owning_party", action.owning_party_id)
        if action.due_on is None:
            errors.setdefault(prefix + "due_on", []).append(_("Choose a due date."))
        elif action.due_on < today:
            errors.setdefault(prefix + "due_on", []).append(
                _("The due date cannot be in the past.")
            )
        if action.owner_id is not None and party is not None:
            owner = user_or_error(errors, prefix + "owner", action.owner_id)
            if owner is not None and owner.party_id != party.pk:
                errors.setdefault(prefix + "owner", []).append(
                    _("The owner must work for the owning party.")
                )
        checked.append((action, party.pk if party else 0))
    return checked


@case_write
def plan_save(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    goals: list[GoalInput],
    closure_criteria: str,
    new_actions: list[ActionInput],
    reason: str = "",
) -> ActionPlan:
    """A new version of the plan: goals per life domain, closure criteria, added actions.

    The first version is written in the MDO; every later one is a revision with a reason
    (who and why are kept; earlier versions are never edited).
    """
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    if not actor.has(Role.process_director) and case.case_director_id != actor.user_id:
        raise CaseForbidden(_("Your role may not do this."), "role_not_allowed")
    _in_phase(case.phase, Phase.mdo, Phase.execution)
    number = (ActionPlan.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0) + 1
    errors: dict[str, list[str]] = {}
    checked = _validate_plan(goals, new_actions, closure_criteria, errors)
    if number > 1:
        reason = required_text(
            errors, "reason", reason, _("Record why the plan of action is adjusted.")
        )
    elif number == 1 and not new_actions:
        errors["actions"] = [_("Add at least one action (Art. 8.4b).")]
    raise_if(errors)
    now = timezone.now()
    plan = ActionPlan.objects.create(
        case=case,
        number=number,
        goals=[{"life_domain": g.life_domain, "goal": g.goal.strip()} for g in goals],
        closure_criteria=closure_criteria.strip(),
        reason=(reason or "").strip() or _("First version, adopted in the MDO."),
        changed_by_id=actor.user_id,
        changed_at=now,
    )
    for action, party_id in checked:
        PlanAction.objects.create(
            case=case,
            added_in=plan,
            life_domain=action.life_domain,
            description=action.description.strip(),
            owning_party_id=party_id,
            owner_id=action.owner_id,
            due_on=action.due_on,  # type: ignore[misc]  # validated above
            updated_at=now,
        )
    touch(case, actor=actor, ctx=ctx, kind="plan", detail=str(number), purpose=PURPOSE_PLAN)
    return plan


@case_write
def plan_action_update(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    action_id: int,
    status: str,
    due_on: date | None = None,
) -> PlanAction:
    """Status (and optionally a new due date) of one action: by the process director, the case
    director, or a delegate of the owning party."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    _in_phase(case.phase, Phase.mdo, Phase.execution)
    action = PlanAction.objects.filter(pk=action_id, case=case).select_related("owning_party")
    row = action.first()
    if row is None:
        raise_if({"action": [_("This action is not part of the case.")]})
    assert row is not None
    if not (
        actor.has(Role.process_director)
        or case.case_director_id == actor.user_id
        or (actor.has(Role.partner_delegate) and row.owning_party_id == actor.party_id)
    ):
        raise CaseForbidden(_("Your role may not do this."), "role_not_allowed")
    errors: dict[str, list[str]] = {}
    if status not in ActionStatus.values:
        errors["status"] = [_("Choose a status.")]
    if due_on is not None and due_on < timezone.localdate() and due_on != row.due_on:
        errors["due_on"] = [_("The due date cannot be in the past.")]
    raise_if(errors)
    row.status = status
    if due_on is not None:
        row.due_on = due_on
    row.updated_at = timezone.now()
    row.save()
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="action",
        detail=f"{status}|{row.description[:200]}",
        purpose=PURPOSE_EXECUTION,
    )
    return row


@case_write
def progress_note_add(*, actor: Actor, ctx: AuditContext, case_id: int, text: str) -> ProgressNote:
    """A progress note on the execution (additive: no version check)."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=None)
    _in_phase(case.phase, Phase.mdo, Phase.execution, Phase.closure, Phase.case_conference)
    errors: dict[str, list[str]] = {}
    text = required_text(errors, "text", text, _("Write the note."))
    if len(text) > 5000:
        errors["text"] = [_("At most 5000 characters.")]
    raise_if(errors)
    note = ProgressNote.objects.create(
        case=case, text=text, written_by_id=actor.user_id, written_at=timezone.now()
    )
    touch(case, actor=actor, ctx=ctx, kind="note", purpose=PURPOSE_EXECUTION, bump=False)
    return note
