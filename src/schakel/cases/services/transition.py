"""The ONE service that changes a case's phase (ARCHITECTURE rule 3).

It locks the case row, checks the policy and the workflow table (`domain.transitions`), writes a
`PhaseTransition` row and an audit event, all in one transaction. The inputs that belong to a
step (the table, the reason, the decision, the hand-over) are applied to the case *before* the
table is asked, so the guards see them; if the table refuses, the transaction rolls back and
nothing is kept.
"""

from __future__ import annotations

from django.utils import timezone

from schakel.audit.record import AuditContext
from schakel.cases.facts import case_facts
from schakel.cases.models import Case, ConferenceTable, PhaseTransition
from schakel.cases.selectors import actor_roles_for
from schakel.cases.services._base import case_write, lock_case, touch
from schakel.cases.statistics import record_statistics
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction
from schakel.domain.roles import Role
from schakel.domain.transitions import IllegalTransition, transition
from schakel.domain.workflow import Action, Decision, Phase
from schakel.parties.models import Party

PURPOSE_WORKFLOW = "Bijlage 3 werkproces"


def _apply_inputs(
    case: Case,
    *,
    action: Action,
    motivation: str,
    decision: Decision | None,
    admission_table: str,
    handover_party_id: int | None,
    handover_note: str,
    closure_criteria_met: bool | None = None,
) -> None:
    if action == Action.admit and admission_table:
        if admission_table not in ConferenceTable.values:
            raise IllegalTransition("Kies een casustafel uit de lijst.", "invalid_table")
        case.admission_table = admission_table
    elif action == Action.refuse_admission:
        case.refusal_reason = motivation
    elif action == Action.record_conference_decision:
        if decision is not None:
            case.decision = decision.value
        case.decision_motivation = motivation
    elif action == Action.decide_closure:
        case.closure_reason = motivation
        if closure_criteria_met is not None:
            case.closure_criteria_met = closure_criteria_met
    elif action == Action.complete_closure:
        if handover_party_id is not None:
            party = Party.objects.filter(pk=handover_party_id).first()
            if party is None:
                raise IllegalTransition("Kies een partij uit de lijst.", "invalid_party")
            case.handover_party = party
        if handover_note.strip():
            case.handover_note = handover_note.strip()


@case_write
def case_transition(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    action: Action,
    motivation: str = "",
    decision: Decision | None = None,
    admission_table: str = "",
    handover_party_id: int | None = None,
    handover_note: str = "",
    closure_criteria_met: bool | None = None,
) -> PhaseTransition:
    """Take one step of the workflow. Raises CaseNotFound, CaseForbidden, CaseChanged or
    IllegalTransition (with the Dutch reason from the table)."""
    case = lock_case(
        actor=actor,
        ctx=ctx,
        case_id=case_id,
        expected_version=expected_version,
        action=CaseAction.transition,
    )
    motivation = (motivation or "").strip()
    _apply_inputs(
        case,
        action=action,
        motivation=motivation,
        decision=decision,
        admission_table=admission_table,
        handover_party_id=handover_party_id,
        handover_note=handover_note,
        closure_criteria_met=closure_criteria_met,
    )
    facts = case_facts(
        case, adjustment_reason_set=action == Action.return_to_mdo and bool(motivation)
    )
    result = transition(facts, action, actor_roles_for(actor, case), decision)
    now = timezone.now()
    source = case.phase
    case.phase = result.target.value
    if case.process_director_id is None and actor.has(Role.process_director):
        # Whoever takes a step on an undirected case directs it until someone else is
        # assigned: a process director reads only the cases they direct (docs/sharing.md),
        # so a case admitted without one would be left without anyone to carry it.
        case.process_director_id = actor.user_id
    if result.target == Phase.not_admitted:
        # Art. 1.4 / retention: a referral that is not admitted is due for deletion.
        case.marked_for_deletion_at = now
        case.closed_at = now
    if result.target == Phase.closed:
        case.closed_at = now  # starts the retention clock (Bijlage 3, Fase 5)
    if action == Action.record_conference_decision:
        # The case has been discussed: it is no longer on an upcoming agenda (on_agenda).
        case.conference_date = None
        if result.target == Phase.closure and not case.closure_reason.strip():
            # Afschalen / regie elders: the table's motivation is the reason for closure (1.12).
            case.closure_reason = motivation
    if result.target == Phase.case_conference and source != Phase.preparation:
        # A new round at the table: the previous decision is history (in PhaseTransition).
        case.decision = ""
        case.decision_motivation = ""
    row = PhaseTransition.objects.create(
        case=case,
        action=action.value,
        from_phase=source,
        to_phase=result.target.value,
        decision=result.decision.value if result.decision else "",
        motivation=motivation,
        actor_id=actor.user_id,
        actor_party_id=actor.party_id,
        occurred_at=now,
    )
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="transition",
        detail=f"{source}>{result.target.value}",
        purpose=PURPOSE_WORKFLOW,
    )
    # Art. 11.3e: the anonymous figures follow every phase change, in the same transaction.
    record_statistics(case)
    return row
