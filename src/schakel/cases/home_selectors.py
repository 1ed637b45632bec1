"""The case sections of "Mijn werk": my open cases by phase, my overdue actions, referrals
waiting for triage, and triage questions to my party. Each bounded, each through the case
visibility filter."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from schakel.cases.models import FINAL_PHASE_VALUES, ActionStatus, Case, Consultation, PlanAction
from schakel.cases.selectors import case_visibility_q
from schakel.domain.actor import Actor
from schakel.domain.policy import may_see_cases_at_all
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase


def _my_open_cases(actor: Actor) -> QuerySet[Case]:
    """The open cases the actor directs (process or case director) and may see: served by the
    partial indexes case_pd_open / case_cd_open, so "Mijn werk" reads a director's few open
    cases rather than every case they ever directed (issue #9)."""
    return (
        Case.objects.filter(case_visibility_q(actor))
        .filter(Q(process_director_id=actor.user_id) | Q(case_director_id=actor.user_id))
        .exclude(phase__in=FINAL_PHASE_VALUES)
    )


def overdue_actions_for(*, actor: Actor, limit: int = 20) -> list[PlanAction]:
    """Overdue actions in the open cases the actor directs (process or case director)."""
    if not may_see_cases_at_all(actor):
        return []
    return list(
        PlanAction.objects.filter(
            case_id__in=_my_open_cases(actor).values("id"),
            status__in=[ActionStatus.open, ActionStatus.in_progress],
            due_on__lt=timezone.localdate(),
        )
        .select_related("case", "owning_party")
        .order_by("due_on", "id")[:limit]
    )


def phase_counts_for(*, actor: Actor) -> dict[str, int]:
    """How many of my cases (process or case director) are in each open phase."""
    if not may_see_cases_at_all(actor):
        return {}
    rows = _my_open_cases(actor).values("phase").annotate(n=Count("id"))
    return {row["phase"]: row["n"] for row in rows}


def referrals_to_triage(*, actor: Actor, limit: int = 10) -> list[Case]:
    """New referrals waiting for a process director (only for process directors)."""
    if not actor.party_active or not actor.has(Role.process_director):
        return []
    return list(
        Case.objects.filter(case_visibility_q(actor), phase=Phase.referral)
        .select_related("municipality", "referring_party")
        .order_by("updated_at", "id")[:limit]
    )


def open_consultations_for(*, actor: Actor) -> list[Consultation]:
    """Triage questions to my party that are not answered yet."""
    if not actor.party_active or not actor.has(Role.partner_delegate):
        return []
    return list(
        Consultation.objects.filter(
            party_id=actor.party_id, answer="unanswered", case__phase=Phase.triage
        ).select_related("case")[:20]
    )
