"""Reads for the management information: anonymous facts, names for the rows, finances.

The facts are not personal data (no case id, no subject), so reading them writes no per-subject
audit event; the views check `reports_allow` before calling anything here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import QuerySet, Sum

from schakel.domain.indicators import CaseFact, Dimension
from schakel.domain.periods import Period
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Decision, Phase
from schakel.parties.models import Party
from schakel.reports.models import (
    BudgetLine,
    BudgetYear,
    CaseStatistic,
    Contribution,
    Expenditure,
    MonthlyCount,
    ReportNote,
)

_FIELDS = (
    "key",
    "referred_on",
    "target_group",
    "municipality_id",
    "referring_party_id",
    "process_director_id",
    "triage_decided_on",
    "admitted",
    "decision",
    "decision_on",
    "phase_history",
    "closed_on",
    "closed_successfully",
    "open_actions",
    "overdue_actions",
)


def fact_from_row(row: tuple[object, ...]) -> CaseFact:
    (
        key,
        referred_on,
        group,
        municipality,
        referrer,
        director,
        triaged,
        admitted,
        decision,
        decided,
        history,
        closed_on,
        success,
        open_actions,
        overdue,
    ) = row
    assert isinstance(referred_on, date)
    return CaseFact(
        case_key=int(key),  # type: ignore[call-overload]
        referred_on=referred_on,
        target_group=TargetGroup(str(group)) if group else None,
        municipality_key=municipality,  # type: ignore[arg-type]
        referring_party_key=referrer,  # type: ignore[arg-type]
        process_director_key=director,  # type: ignore[arg-type]
        triage_decided_on=triaged if admitted is not None else None,  # type: ignore[arg-type]
        admitted=admitted if triaged is not None else None,  # type: ignore[arg-type]
        decision=Decision(str(decision)) if decision and decided else None,
        decided_on=decided if decision else None,  # type: ignore[arg-type]
        phase_history=tuple(
            (Phase(phase), date.fromisoformat(day))
            for phase, day in (history or [])  # type: ignore[attr-defined]
        ),
        closed_on=closed_on,  # type: ignore[arg-type]
        closed_successfully=success if closed_on is not None else None,  # type: ignore[arg-type]
        open_plan_actions=int(open_actions),  # type: ignore[call-overload]
        overdue_plan_actions=min(int(overdue), int(open_actions)),  # type: ignore[call-overload]
    )


def case_facts(*, until: date | None = None) -> Iterator[CaseFact]:
    """Every case referred before ``until`` (exclusive), as an anonymous `CaseFact`."""
    rows = CaseStatistic.objects.order_by("id")
    if until is not None:
        rows = rows.filter(referred_on__lt=until)
    for row in rows.values_list(*_FIELDS).iterator(chunk_size=5000):
        yield fact_from_row(row)


def data_range() -> tuple[date, date] | None:
    first = CaseStatistic.objects.order_by("referred_on").values_list("referred_on", flat=True)
    day = first.first()
    if day is None:
        return None
    last = CaseStatistic.objects.order_by("-referred_on").values_list("referred_on", flat=True)
    return day, last.first() or day


def row_names(by: Dimension, *, staff_names: bool) -> dict[int, str]:
    """Names for the integer keys of a breakdown. Process directors are named only for the
    manager; others see a letter per person (stable within one listing)."""
    if by in (Dimension.municipality, Dimension.referring_party):
        return dict(Party.objects.values_list("id", "name"))
    if by is Dimension.process_director:
        # From the monthly counts (a few hundred rows), not a DISTINCT over every statistic.
        found = MonthlyCount.objects.filter(
            dimension=Dimension.process_director.value, measure="referred", n__gt=0
        ).exclude(key="")
        keys = sorted({int(k) for k in found.values_list("key", flat=True)})
        if not staff_names:
            return {key: f"Procesregisseur {_letter(i)}" for i, key in enumerate(keys)}
        users = get_user_model().objects.filter(pk__in=keys)
        return {u.pk: u.get_full_name() or u.get_username() for u in users}
    return {}


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --------------------------------------------------------------------------- finances


def budget_years() -> list[BudgetYear]:
    return list(BudgetYear.objects.all())


def budget_year_get(*, year: int) -> BudgetYear | None:
    return BudgetYear.objects.filter(year=year).first()


def budget_lines(*, year: int) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(budget_year__year=year))


def budget_line_choices(*, year: int) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(budget_year__year=year)


def contributions(*, year: int) -> list[Contribution]:
    return list(Contribution.objects.filter(budget_year__year=year).select_related("party"))


def expenditures(*, year: int) -> list[Expenditure]:
    return list(
        Expenditure.objects.filter(budget_year__year=year).select_related("line", "entered_by")
    )


@dataclass(frozen=True)
class BudgetRow:
    category: str
    description: str
    budget_cents: int
    actual_cents: int

    @property
    def remaining_cents(self) -> int:
        return self.budget_cents - self.actual_cents


def budget_vs_actual(*, year: int, until: date | None = None) -> list[BudgetRow]:
    """Per budget line: the budget and what was spent on it in ``year`` (up to ``until``,
    exclusive), Art. 19.2."""
    spent = Expenditure.objects.filter(budget_year__year=year)
    if until is not None:
        spent = spent.filter(spent_on__lt=until)
    actual = dict(spent.values_list("line_id").annotate(total=Sum("amount_cents")))
    return [
        BudgetRow(line.category, line.description, line.amount_cents, actual.get(line.pk, 0))
        for line in budget_lines(year=year)
    ]


def report_note(*, period: Period) -> ReportNote | None:
    return ReportNote.objects.filter(
        period_kind=period.kind.value, period_start=period.start
    ).first()
