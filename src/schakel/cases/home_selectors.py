"""The case sections of "Mijn werk": my open cases by phase, my overdue actions, referrals
waiting for triage, and triage questions to my party. Each bounded, each through the case
visibility filter, each compiled once per shape (`core.statements`): building these four
queries cost ~3 ms of Python a home page, more than PostgreSQL spent on them (issue #9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from schakel.cases.models import FINAL_PHASE_VALUES, ActionStatus, Case, Consultation, PlanAction
from schakel.cases.selectors import case_visibility_q
from schakel.core.statements import per_shape
from schakel.domain.actor import Actor
from schakel.domain.policy import may_see_cases_at_all
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase


@dataclass(frozen=True)
class OverdueAction:
    pk: int
    case_id: int
    case_number: str
    description: str
    party_name: str
    due_on: date


@dataclass(frozen=True)
class CaseLink:
    """A case named on "Mijn werk": its number, and for a referral who sent it from where."""

    pk: int
    number: str
    municipality_name: str = ""
    referring_party_name: str = ""


def _my_open_cases(actor: Actor, now: datetime) -> QuerySet[Case]:
    """The open cases the actor directs (process or case director) and may see: served by the
    partial indexes case_pd_open / case_cd_open, so "Mijn werk" reads a director's few open
    cases rather than every case they ever directed (issue #9)."""
    return (
        Case.objects.filter(case_visibility_q(actor, now=now))
        .filter(Q(process_director_id=actor.user_id) | Q(case_director_id=actor.user_id))
        .exclude(phase__in=FINAL_PHASE_VALUES)
    )


@per_shape(shape=("limit",))
def _overdue(actor: Actor, now: datetime, today: date, *, limit: int) -> QuerySet[Any, Any]:
    return (
        PlanAction.objects.filter(
            case_id__in=_my_open_cases(actor, now).values("id"),
            status__in=[ActionStatus.open, ActionStatus.in_progress],
            due_on__lt=today,
        )
        .order_by("due_on", "id")
        .values_list("pk", "case_id", "case__number", "description", "owning_party__name", "due_on")
        [:limit]
    )  # fmt: skip


def overdue_actions_for(*, actor: Actor, limit: int = 20) -> list[OverdueAction]:
    """Overdue actions in the open cases the actor directs (process or case director)."""
    if not may_see_cases_at_all(actor):
        return []
    rows = _overdue(actor, timezone.now(), timezone.localdate(), limit=limit)
    return [OverdueAction(*row) for row in rows]


@per_shape()
def _phase_counts(actor: Actor, now: datetime) -> QuerySet[Any, Any]:
    return _my_open_cases(actor, now).values_list("phase").annotate(n=Count("id"))


def phase_counts_for(*, actor: Actor) -> dict[str, int]:
    """How many of my cases (process or case director) are in each open phase."""
    if not may_see_cases_at_all(actor):
        return {}
    return dict(_phase_counts(actor, timezone.now()))


@per_shape(shape=("limit",))
def _referrals(actor: Actor, now: datetime, *, limit: int) -> QuerySet[Any, Any]:
    return (
        Case.objects.filter(case_visibility_q(actor, now=now), phase=Phase.referral)
        .order_by("updated_at", "id")
        .values_list("pk", "number", "municipality__name", "referring_party__name")[:limit]
    )


def referrals_to_triage(*, actor: Actor, limit: int = 10) -> list[CaseLink]:
    """New referrals waiting for a process director (only for process directors)."""
    if not actor.party_active or not actor.has(Role.process_director):
        return []
    return [CaseLink(*row) for row in _referrals(actor, timezone.now(), limit=limit)]


@per_shape()
def _questions(party_id: int) -> QuerySet[Any, Any]:
    return Consultation.objects.filter(
        party_id=party_id, answer="unanswered", case__phase=Phase.triage
    ).values_list("case_id", "case__number")[:20]


def open_consultations_for(*, actor: Actor) -> list[CaseLink]:
    """Triage questions to my party that are not answered yet (the cases they are about)."""
    if not actor.party_active or not actor.has(Role.partner_delegate):
        return []
    return [CaseLink(*row) for row in _questions(actor.party_id)]
