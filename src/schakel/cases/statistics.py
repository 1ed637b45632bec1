"""Feeding the anonymous figures (Art. 11.3e): one CaseStatistic row per case, kept current.

Called by the phase-change service inside its transaction, so the figures never disagree with
the cases. The row holds no personal data (dates, enums, organisation and staff keys), which is
why it survives the retention sweep and the management report stays the same after it.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from schakel.cases.models import ActionStatus, Case, PhaseTransition, PlanAction
from schakel.domain.workflow import Action, Phase
from schakel.reports.services import case_statistic_record

_OPEN = (ActionStatus.open, ActionStatus.in_progress)


def _day(moment: object) -> date:
    return timezone.localdate(moment)  # type: ignore[arg-type]


def record_statistics(case: Case) -> None:
    transitions = list(
        PhaseTransition.objects.filter(case=case)
        .order_by("occurred_at", "id")
        .values_list("action", "to_phase", "decision", "occurred_at")
    )
    referred_on = _day(case.created_at)
    history: list[tuple[str, date]] = [(Phase.referral.value, referred_on)]
    triage_on: date | None = None
    admitted: bool | None = None
    decision, decision_on = "", None
    closed_on: date | None = None
    for action, to_phase, chosen, occurred_at in transitions:
        day = _day(occurred_at)
        history.append((to_phase, day))
        if action in (Action.admit, Action.refuse_admission):
            triage_on, admitted = day, action == Action.admit
        if action == Action.record_conference_decision and chosen:
            decision, decision_on = chosen, day
        if to_phase == Phase.closed:
            closed_on = day
    today = timezone.localdate()
    actions = PlanAction.objects.filter(case=case, status__in=_OPEN)
    open_count = actions.count()
    overdue_count = actions.filter(due_on__lt=today).count() if open_count else 0
    case_statistic_record(
        case_ref=case.pk,
        referred_on=referred_on,
        target_group=case.target_group or None,
        municipality_id=case.municipality_id,
        referring_party_id=case.referring_party_id,
        process_director_id=case.process_director_id,
        triage_decided_on=triage_on,
        admitted=admitted,
        decision=decision or None,
        decision_on=decision_on,
        phase_history=history,
        closed_on=closed_on,
        closed_successfully=case.closure_criteria_met if closed_on else None,
        open_actions=open_count,
        overdue_actions=overdue_count,
        actions_counted_on=today,
    )
