"""The workflow facts of a case (`domain.workflow.CaseFacts`) as stored, or from the rows the
case page already holds, and the steps an actor may take with them (the page's buttons)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone

from schakel.cases.models import (
    ActionPlan,
    ActionStatus,
    Case,
    CaseParty,
    CaseRelationKind,
    CaseSubject,
    PlanAction,
    TriageAssessment,
)
from schakel.cases.selectors import CaseView, actor_roles_for, relation_for
from schakel.domain.actor import Actor
from schakel.domain.criteria import CRITERIA
from schakel.domain.policy import CaseAction, decide
from schakel.domain.target_groups import TargetGroup
from schakel.domain.transitions import refusals
from schakel.domain.workflow import Action, CaseFacts, Decision, Phase


def case_facts(case: Case, *, adjustment_reason_set: bool = False) -> CaseFacts:
    """The workflow facts of a case as stored (`case` may carry unsaved changes)."""
    plan = ActionPlan.objects.filter(case=case).order_by("-number").first()
    has_actions = (
        PlanAction.objects.filter(case=case).exclude(status=ActionStatus.cancelled).exists()
    )
    assessed = TriageAssessment.objects.filter(case=case).count() == len(CRITERIA)
    invited = CaseParty.objects.filter(
        removed_at__isnull=True, case=case, relation=CaseRelationKind.invited
    ).exclude(justification="")
    return replace(
        case_facts_base(case, adjustment_reason_set=adjustment_reason_set),
        has_subjects=CaseSubject.objects.filter(case=case).exists(),
        criteria_assessed=assessed,
        invitations_justified=invited.exists(),
        plan_has_actions=plan is not None and has_actions,
        closure_criteria_set=plan is not None and bool(plan.closure_criteria.strip()),
    )


def case_facts_base(case: Case, *, adjustment_reason_set: bool = False) -> CaseFacts:
    """The facts read from the case row itself; the ones from related rows are False here
    (`case_facts` and `case_facts_from_view` fill them in)."""
    return CaseFacts(
        phase=Phase(case.phase),
        has_subjects=False,
        referring_party_set=case.referring_party_id is not None,
        referral_reason_set=bool(case.reason.strip()),
        target_group=TargetGroup(case.target_group) if case.target_group else None,
        municipality_set=case.municipality_id is not None,
        referrer_consulted=case.referrer_consulted,
        criteria_assessed=False,
        criteria_met=case.criteria_met is True,
        admission_table_set=bool(case.admission_table),
        refusal_reason_set=bool(case.refusal_reason.strip()),
        conference_goal_set=bool(case.conference_goal.strip()),
        invitations_justified=False,
        on_agenda=case.conference_date is not None and case.conference_date >= timezone.localdate(),
        decision=Decision(case.decision) if case.decision else None,
        decision_motivation_set=bool(case.decision_motivation.strip()),
        case_director_set=case.case_director_id is not None,
        plan_has_actions=False,
        closure_criteria_set=False,
        subject_informer_set=case.informer_party_id is not None,
        adjustment_reason_set=adjustment_reason_set,
        closure_reason_set=bool(case.closure_reason.strip()),
        handover_set=case.handover_party_id is not None and bool(case.handover_note.strip()),
    )


def case_facts_from_view(view: CaseView) -> CaseFacts:
    """`case_facts` from the rows the case page already holds (no query): the same facts,
    derived the same way (tests/cases/test_case_page_queries.py holds them equal)."""
    case, plan = view.case, view.plan
    has_actions = any(a.status != ActionStatus.cancelled for a in view.actions)
    return replace(
        case_facts_base(case),
        has_subjects=bool(view.subjects),
        criteria_assessed=len(view.assessments) == len(CRITERIA),
        invitations_justified=any(
            p.relation == CaseRelationKind.invited and p.justification != "" for p in view.parties
        ),
        plan_has_actions=plan is not None and has_actions,
        closure_criteria_set=plan is not None and bool(plan.closure_criteria.strip()),
    )


# Facts that the step's own form supplies (the table, the reason, the decision, the hand-over):
# a button is shown when nothing *else* is missing; the service checks the real input.
STEP_INPUTS: dict[Action, dict[str, Any]] = {
    Action.admit: {"admission_table_set": True},
    Action.refuse_admission: {"refusal_reason_set": True},
    Action.record_conference_decision: {"decision_motivation_set": True},
    Action.return_to_mdo: {"adjustment_reason_set": True},
    Action.decide_closure: {"closure_reason_set": True},
    Action.complete_closure: {"handover_set": True},
}


def case_allowed_actions(
    *, actor: Actor, case: Case, facts: CaseFacts | None = None
) -> list[Action]:
    """The workflow steps this actor may take now: the table AND the policy (the buttons).
    `facts`: when the caller already has them (the case page: `case_facts_from_view`)."""
    if not decide(actor, relation_for(actor, case), CaseAction.transition).allowed:
        return []
    facts = facts or case_facts(case)
    roles = actor_roles_for(actor, case)
    shown = []
    for action in Action:
        supplied = replace(facts, **STEP_INPUTS.get(action, {}))
        decision = None
        if action == Action.record_conference_decision and facts.decision is None:
            decision = Decision.process_direction_house  # any: the form asks for it
        if not refusals(supplied, action, roles, decision):
            shown.append(action)
    return shown
