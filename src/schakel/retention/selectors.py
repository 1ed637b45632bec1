"""The read path of retention: what is due soon, what is held, what was deleted, the schedule.

The overview shows case numbers, dates and rules only, never case content; reading the holds
(whose reasons may name a request) is audited as one read per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from schakel.audit.record import AuditContext, record_read
from schakel.cases.models import Case
from schakel.core.sql import compiled_once
from schakel.domain.actor import Actor
from schakel.domain.retention import (
    DATA_CLASS_LABELS_NL,
    EFFECT_LABELS_NL,
    TRIGGER_LABELS_NL,
    RetentionRule,
)
from schakel.domain.retention_policy import RetentionAction, retention_allows
from schakel.retention.models import DeletionReceipt, LegalHold
from schakel.retention.schedule import RuleInForce, current_schedule, rules_in_force
from schakel.retention.sweep import STAGES, due_cases

DUE_SOON_DAYS = 60
MAX_ROWS = 500


@dataclass(frozen=True)
class DueRow:
    number: str
    rule_label: str
    due_on: date
    overdue: bool


@dataclass(frozen=True)
class RuleRow:
    code: str
    data_class: str
    trigger: str
    period: str
    effect: str
    legal_reference: str
    description_nl: str
    source: str


def due_soon(*, actor: Actor, today: date | None = None) -> tuple[list[DueRow], int] | None:
    """Deletions due within `DUE_SOON_DAYS` (or overdue), holds excluded; None if not allowed."""
    if not retention_allows(actor, RetentionAction.view_overview):
        return None
    today = today or timezone.localdate()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    schedule = {rule.code: rule for rule in current_schedule()}
    held = active_holds().values("case_id")
    rows: list[DueRow] = []
    total = 0
    for code, phase in STAGES:
        rule = schedule[code]
        due = due_cases(rule, phase, horizon).exclude(pk__in=held)
        total += due.count()
        for number, closed_at in due.order_by("closed_at", "pk").values_list("number", "closed_at")[
            :MAX_ROWS
        ]:
            due_on = rule.period.after(timezone.localdate(closed_at))
            rows.append(
                DueRow(number, DATA_CLASS_LABELS_NL[rule.data_class], due_on, due_on <= today)
            )
    rows.sort(key=lambda row: (row.due_on, row.number))
    return rows[:MAX_ROWS], total


def active_holds(today: date | None = None) -> QuerySet[LegalHold]:
    today = today or timezone.localdate()
    return LegalHold.objects.filter(lifted_at__isnull=True, until__gte=today)


def holds_for_overview(*, actor: Actor, ctx: AuditContext) -> list[LegalHold] | None:
    if not retention_allows(actor, RetentionAction.view_overview):
        return None
    holds = list(active_holds().select_related("case", "placed_by").order_by("until", "pk"))
    record_read(
        ctx,
        actor=actor,
        object_type="legal_hold_list",
        object_id="",
        purpose="retention oversight (privacy protocol art. 11)",
    )
    return holds


def hold_get(*, actor: Actor, hold_id: int) -> LegalHold | None:
    if not retention_allows(actor, RetentionAction.manage_holds):
        return None
    return active_holds().select_related("case").filter(pk=hold_id).first()


def receipts(*, actor: Actor) -> QuerySet[DeletionReceipt] | None:
    if not retention_allows(actor, RetentionAction.view_overview):
        return None
    return DeletionReceipt.objects.order_by("-deleted_at", "-id")


def schedule_rows(*, actor: Actor) -> list[RuleRow] | None:
    if not retention_allows(actor, RetentionAction.view_schedule):
        return None
    return [_row(entry) for entry in rules_in_force()]


def _row(entry: RuleInForce) -> RuleRow:
    rule: RetentionRule = entry.rule
    return RuleRow(
        code=rule.code,
        data_class=DATA_CLASS_LABELS_NL[rule.data_class],
        trigger=TRIGGER_LABELS_NL[rule.trigger],
        period=rule.period.label_nl(),
        effect=EFFECT_LABELS_NL[rule.effect],
        legal_reference=rule.legal_reference,
        description_nl=rule.description_nl,
        source=entry.source,
    )


def rule_in_force(*, actor: Actor, code: str) -> RuleInForce | None:
    if not retention_allows(actor, RetentionAction.edit_schedule):
        return None
    return next((entry for entry in rules_in_force() if entry.rule.code == code), None)


@compiled_once
def _unlifted_holds_of(case_id: int) -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(case_id=case_id, lifted_at__isnull=True)  # at most one


def active_hold_for_case(case: Case) -> LegalHold | None:
    """For the case page: the hold that pauses deletion now (the case page is already
    authorised and audited by the cases app). `active_holds` for one case, with its date
    compared here: the query is compiled once, on every case page (`core.sql`)."""
    today = timezone.localdate()
    return next((h for h in _unlifted_holds_of(case.pk) if h.until >= today), None)
