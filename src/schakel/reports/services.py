"""Writes of the reports app: the anonymous statistic per case, the finances, the report's free
text, and the audit event of every export. Authorise -> validate -> change -> audit, in one
transaction; a refusal changes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, record_changed
from schakel.domain.actor import Actor
from schakel.domain.periods import Period
from schakel.domain.reports_policy import ReportAction, reports_allow
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Decision, Phase
from schakel.parties.models import Party
from schakel.reports.counts import add_counts, figures_changed, statistic_contributions
from schakel.reports.derived import (
    CountKey,
    contributions,
    history_fact,
    lead_values,
    span_rows,
)
from schakel.reports.models import (
    BudgetLine,
    BudgetYear,
    CaseStatistic,
    Contribution,
    Expenditure,
    PhaseSpan,
    ReportNote,
)

MAX_CENTS = 10**13  # a hundred billion euro: anything above is a typing error


class InvalidInput(Exception):
    """Bad input: Dutch messages per field ("" for the form as a whole); nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _authorise(actor: Actor, action: ReportAction) -> None:
    if not reports_allow(actor, action):
        raise PermissionDenied


# --------------------------------------------------------------------------- statistics


def case_statistic_record(
    *,
    case_ref: int,
    referred_on: date,
    target_group: TargetGroup | str | None = None,
    municipality_id: int | None = None,
    referring_party_id: int | None = None,
    process_director_id: int | None = None,
    triage_decided_on: date | None = None,
    admitted: bool | None = None,
    decision: Decision | str | None = None,
    decision_on: date | None = None,
    phase_history: Sequence[tuple[Phase | str, date]] = (),
    closed_on: date | None = None,
    closed_successfully: bool | None = None,
    open_actions: int = 0,
    overdue_actions: int = 0,
    actions_counted_on: date | None = None,
) -> CaseStatistic:
    """Create or replace the anonymous statistic of one case (idempotent, by ``case_ref``).

    Called by the cases app on every phase change, with the case's complete current facts; no
    actor: the statistic is a by-product of a change already authorised and audited there. Holds
    no personal data: dates, enums, and keys of organisations and staff. Raises ValueError on
    facts that contradict each other (a programming error in the caller)."""
    phases = [(Phase(phase).value, day.isoformat()) for phase, day in phase_history]
    if [day for _, day in phases] != sorted(day for _, day in phases):
        raise ValueError("phase_history must be in date order")
    if (admitted is None) != (triage_decided_on is None):
        raise ValueError("admitted and triage_decided_on go together")
    if (decision is None) != (decision_on is None):
        raise ValueError("decision and decision_on go together")
    if closed_successfully is not None and closed_on is None:
        raise ValueError("closed_successfully needs closed_on")
    if not 0 <= overdue_actions <= open_actions:
        raise ValueError("need 0 <= overdue_actions <= open_actions")
    values: dict[str, object] = {
        "referred_on": referred_on,
        "target_group": TargetGroup(target_group).value if target_group else "",
        "municipality_id": municipality_id,
        "referring_party_id": referring_party_id,
        "process_director_id": process_director_id,
        "triage_decided_on": triage_decided_on,
        "admitted": admitted,
        "decision": Decision(decision).value if decision else "",
        "decision_on": decision_on,
        "phase_history": phases,
        "closed_on": closed_on,
        "closed_successfully": closed_successfully,
        "open_actions": open_actions,
        "overdue_actions": overdue_actions,
        "actions_counted_on": actions_counted_on,
    }
    fact = history_fact(referred_on, phases)
    values.update(lead_values(fact))
    spans = span_rows(fact)
    with transaction.atomic():
        # The monthly counts move by the difference between the old row and the new one.
        delta: Counter[CountKey] = Counter()
        old = CaseStatistic.objects.select_for_update().filter(case_ref=case_ref).first()
        if old is not None:
            delta.subtract(statistic_contributions(old))
        row, _created = CaseStatistic.objects.update_or_create(case_ref=case_ref, defaults=values)
        delta.update(contributions(values, spans))
        add_counts(delta)
        figures_changed()  # lead times and action counts may move without a count
        PhaseSpan.objects.filter(statistic=row).delete()
        PhaseSpan.objects.bulk_create(
            PhaseSpan(
                statistic=row,
                phase=phase,
                start_on=start,
                end_on=end,
                target_group=row.target_group,
                municipality_id=municipality_id,
                referring_party_id=referring_party_id,
                process_director_id=process_director_id,
            )
            for phase, start, end in spans
        )
    return row


# --------------------------------------------------------------------------- finances


def _cents(
    value: Decimal | int | None, field: str, errors: dict[str, str], *, allow_zero: bool = False
) -> int:
    if value is None:
        errors[field] = _("Enter an amount.")
        return 0
    cents = int((Decimal(value) * 100).to_integral_value())
    if cents < 0 or (cents == 0 and not allow_zero):
        errors[field] = _("Enter an amount greater than zero.")
    elif cents >= MAX_CENTS:
        errors[field] = _("This amount is too large.")
    return cents


def _year(year: int) -> BudgetYear:
    found = BudgetYear.objects.select_for_update().filter(year=year).first()
    if found is None:
        raise InvalidInput({"": _("There is no budget for %(year)s yet.") % {"year": year}})
    return found


def budget_year_save(
    *,
    actor: Actor,
    ctx: AuditContext,
    year: int,
    adopted_on: date | None = None,
    note: str = "",
    priorities: str = "",
    target_referrals: int | None = None,
    target_closed_successfully: int | None = None,
) -> BudgetYear:
    """Create or update the budget year as adopted with the annual plan (Art. 4.4c)."""
    _authorise(actor, ReportAction.manage_finances)
    errors: dict[str, str] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = _("Enter a year between 2000 and 2100.")
    if adopted_on is not None and adopted_on.year > year:
        errors["adopted_on"] = _("A budget is adopted before or during its year.")
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        budget, created = BudgetYear.objects.update_or_create(
            year=year,
            defaults={
                "adopted_on": adopted_on,
                "note": note.strip(),
                "priorities": priorities.strip(),
                "target_referrals": target_referrals,
                "target_closed_successfully": target_closed_successfully,
            },
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            object_type="budget_year",
            object_id=budget.pk,
            purpose="Art. 19.2 financiën",
        )
    return budget


def budget_line_add(
    *,
    actor: Actor,
    ctx: AuditContext,
    year: int,
    category: str,
    description: str = "",
    amount: Decimal | None,
) -> BudgetLine:
    _authorise(actor, ReportAction.manage_finances)
    errors: dict[str, str] = {}
    if not category.strip():
        errors["category"] = _("Enter a category.")
    cents = _cents(amount, "amount", errors)
    with transaction.atomic():
        budget = _year(year)
        if errors:
            raise InvalidInput(errors)
        line = BudgetLine.objects.create(
            budget_year=budget,
            category=category.strip(),
            description=description.strip(),
            amount_cents=cents,
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE,
            object_type="budget_line",
            object_id=line.pk,
            purpose="Art. 19.2 financiën",
        )
    return line


def contribution_add(
    *,
    actor: Actor,
    ctx: AuditContext,
    year: int,
    party: Party,
    money: Decimal | None,
    staff_fte: Decimal | None,
    staff_description: str = "",
) -> Contribution:
    """A party's contribution for a year (Art. 19.1): money, staff in kind, or both."""
    _authorise(actor, ReportAction.manage_finances)
    errors: dict[str, str] = {}
    cents = _cents(money or 0, "money", errors, allow_zero=True)
    fte = staff_fte or Decimal(0)
    if fte < 0 or fte >= 1000:
        errors["staff_fte"] = _("Enter a number of FTE between 0 and 1000.")
    if not errors and cents == 0 and fte == 0:
        errors[""] = _("Enter money, staff, or both.")
    if fte > 0 and not staff_description.strip():
        errors["staff_description"] = _("Describe the staff the party provides.")
    with transaction.atomic():
        budget = _year(year)
        if errors:
            raise InvalidInput(errors)
        row = Contribution.objects.create(
            budget_year=budget,
            party=party,
            money_cents=cents,
            staff_fte=fte,
            staff_description=staff_description.strip(),
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE,
            object_type="contribution",
            object_id=row.pk,
            purpose="Art. 19.1 bijdragen",
        )
    return row


def expenditure_add(
    *,
    actor: Actor,
    ctx: AuditContext,
    line: BudgetLine,
    spent_on: date,
    description: str,
    amount: Decimal | None,
) -> Expenditure:
    _authorise(actor, ReportAction.manage_finances)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Enter a description.")
    cents = _cents(amount, "amount", errors)
    with transaction.atomic():
        budget = _year(line.budget_year.year)
        if spent_on.year != budget.year:
            errors["spent_on"] = _(
                "The date must fall in %(year)s, the year of the budget line."
            ) % {"year": budget.year}
        if errors:
            raise InvalidInput(errors)
        row = Expenditure.objects.create(
            budget_year=budget,
            spent_on=spent_on,
            line=line,
            description=description.strip(),
            amount_cents=cents,
            entered_by_id=actor.user_id,
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE,
            object_type="expenditure",
            object_id=row.pk,
            purpose="Art. 19.2 financiën",
        )
    return row


# --------------------------------------------------------------------------- the report


def report_note_save(*, actor: Actor, ctx: AuditContext, period: Period, text: str) -> ReportNote:
    """The manager's other points of attention for the report of ``period`` (Art. 11.3e)."""
    _authorise(actor, ReportAction.edit_report)
    if len(text) > 20_000:
        raise InvalidInput({"text": _("This text is too long (at most 20,000 characters).")})
    with transaction.atomic():
        note, created = ReportNote.objects.update_or_create(
            period_kind=period.kind.value,
            period_start=period.start,
            defaults={"text": text.strip(), "updated_by_id": actor.user_id},
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            object_type="report_note",
            object_id=note.pk,
            purpose="Art. 11.3e rapportage",
        )
    return note


def export_recorded(*, actor: Actor, ctx: AuditContext, what: str, period: Period) -> None:
    """Every export (CSV, XLSX, PDF) is logged: who took which figures out of the house."""
    _authorise(actor, ReportAction.export_report)
    with transaction.atomic():
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.EXPORT,
            object_type="report",
            object_id=f"{what}:{period.kind.value}:{period.start.isoformat()}",
            purpose="Art. 11.3e rapportage aan de stuurgroep",
        )
