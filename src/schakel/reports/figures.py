"""The management report as data: every table suppressed, ready for page, PDF and exports.

Built from the anonymous facts with the pure functions of `domain.indicators`; nothing here
counts by itself except the annual-plan comparison (one suppressed cell). Raw counts never leave
this module: every table goes through `suppress` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from schakel.domain import indicators as ind
from schakel.domain import lead_times as lt
from schakel.domain.indicators import CaseFact, Cell, Change, CountTable, Dimension, SuppressedTable
from schakel.domain.lead_times import LeadTimes
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.suppression import suppress
from schakel.domain.workflow import Phase
from schakel.reports.derived import LEAD_PAIRS

THRESHOLD = 5

TABLE_TITLES = {
    "referrals": _("Referrals"),
    "triage": _("Triage: admitted and not admitted"),
    "decisions": _("Decisions of the case conference"),
    "phases": _("Cases per phase at the end of the period"),
    "closures": _("Cases closed"),
    "actions": _("Open plan actions"),
}
TABLE_CODES = tuple(TABLE_TITLES)


@dataclass(frozen=True)
class Headline:
    code: str
    label: str
    current: Cell
    previous: Cell
    change: Change | None


@dataclass(frozen=True)
class TargetComparison:
    label: str
    target: int
    expected_so_far: int  # the target pro rata up to the end of the period
    actual_so_far: Cell


@dataclass
class Report:
    period: Period
    by: Dimension
    tables: dict[str, SuppressedTable]
    lead_times: list[LeadTimes]
    headlines: list[Headline]
    success_share: float | None
    previous_success_share: float | None
    trend_periods: tuple[Period, ...]
    trend: SuppressedTable  # referrals per period, by municipality (small multiples)
    targets: list[TargetComparison] = field(default_factory=list)

    @property
    def previous(self) -> Period:
        return self.period.previous()


class Counts(Protocol):
    """Where the raw count tables come from: the pure functions over facts in memory
    (`FactCounts`, the reference) or the database (`aggregates.SqlCounts`, the scale path);
    tests/reports/test_sql_agreement.py holds them equal on random datasets."""

    def referrals(self, periods: Sequence[Period], by: Dimension) -> CountTable: ...
    def triage(self, period: Period, by: Dimension) -> CountTable: ...
    def decisions(self, period: Period, by: Dimension) -> CountTable: ...
    def phases(self, period: Period, by: Dimension) -> CountTable: ...
    def closures(self, period: Period, by: Dimension) -> CountTable: ...
    def plan_actions(self, by: Dimension) -> CountTable: ...
    def lead_times(
        self, source: Phase, target: Phase, period: Period, by: Dimension, threshold: int
    ) -> LeadTimes: ...
    def referred_between(self, start: date, end: date) -> int: ...
    def closed_successfully_between(self, start: date, end: date) -> int: ...


class FactCounts:
    """The reference: `domain.indicators` over every fact in memory."""

    def __init__(self, facts: Iterable[CaseFact]) -> None:
        self.facts = tuple(facts)

    def referrals(self, periods: Sequence[Period], by: Dimension) -> CountTable:
        return ind.referrals(self.facts, periods, by)

    def triage(self, period: Period, by: Dimension) -> CountTable:
        return ind.triage_outcomes(self.facts, period, by)

    def decisions(self, period: Period, by: Dimension) -> CountTable:
        return ind.decision_mix(self.facts, period, by)

    def phases(self, period: Period, by: Dimension) -> CountTable:
        return ind.cases_per_phase(self.facts, period, by)

    def closures(self, period: Period, by: Dimension) -> CountTable:
        return ind.closures(self.facts, period, by)

    def plan_actions(self, by: Dimension) -> CountTable:
        return ind.plan_actions(self.facts, by)

    def lead_times(
        self, source: Phase, target: Phase, period: Period, by: Dimension, threshold: int
    ) -> LeadTimes:
        return lt.lead_times(self.facts, source, target, period, by, threshold)

    def referred_between(self, start: date, end: date) -> int:
        return sum(1 for f in self.facts if start <= f.referred_on < end)

    def closed_successfully_between(self, start: date, end: date) -> int:
        return sum(
            1
            for f in self.facts
            if f.closed_on and f.closed_successfully and start <= f.closed_on < end
        )


def _tables(counts: Counts, period: Period, by: Dimension) -> dict[str, SuppressedTable]:
    raw = {
        "referrals": counts.referrals([period.previous(), period], by),
        "triage": counts.triage(period, by),
        "decisions": counts.decisions(period, by),
        "phases": counts.phases(period, by),
        "closures": counts.closures(period, by),
        "actions": counts.plan_actions(by),
    }
    return {code: suppress(table, THRESHOLD) for code, table in raw.items()}


def _totals(counts: Counts, period: Period) -> dict[str, Cell]:
    """The headline figures of one period, each a suppressed grand or column total."""
    by = Dimension.target_group  # any dimension: the totals are the same
    referred = suppress(counts.referrals([period], by), THRESHOLD)
    triage = suppress(counts.triage(period, by), THRESHOLD)
    closed = suppress(counts.closures(period, by), THRESHOLD)
    phases = suppress(counts.phases(period, by), THRESHOLD)
    return {
        "referrals": referred.total,
        "admitted": triage.column_total("admitted"),
        "not_admitted": triage.column_total("not_admitted"),
        "caseload": phases.total,
        "closed": closed.total,
        "closed_successfully": closed.column_total("successful"),
    }


HEADLINE_LABELS = {
    "referrals": _("Referrals"),
    "admitted": _("Admitted at triage"),
    "not_admitted": _("Not admitted at triage"),
    "caseload": _("Open cases at the end of the period"),
    "closed": _("Cases closed"),
    "closed_successfully": _("Closed successfully"),
}


def trend_periods(period: Period, count: int = 8) -> tuple[Period, ...]:
    found = [period]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return tuple(found)


def _one_cell(count: int) -> Cell:
    table = ind.count_table(Dimension.target_group, [("n", "n")], [None], [[count]])
    return suppress(table, THRESHOLD).total


def build_report(
    facts: Sequence[CaseFact],
    period: Period,
    by: Dimension,
    *,
    targets: dict[str, int] | None = None,
) -> Report:
    """Everything the dashboard, the report and its exports show for ``period``, from facts in
    memory (the reference; the views use `aggregates.sql_report`)."""
    return build_report_from(FactCounts(facts), period, by, targets=targets)


def build_report_from(
    counts: Counts,
    period: Period,
    by: Dimension,
    *,
    targets: dict[str, int] | None = None,
) -> Report:
    current, previous = _totals(counts, period), _totals(counts, period.previous())
    headlines = [
        Headline(
            code,
            str(label),
            current[code],
            previous[code],
            ind.change(current[code], previous[code]),
        )
        for code, label in HEADLINE_LABELS.items()
    ]
    periods = trend_periods(period)
    trend = suppress(counts.referrals(periods, Dimension.municipality), THRESHOLD)
    report = Report(
        period=period,
        by=by,
        tables=_tables(counts, period, by),
        lead_times=[counts.lead_times(s, t, period, by, THRESHOLD) for s, t in LEAD_PAIRS],
        headlines=headlines,
        success_share=ind.success_share(current["closed_successfully"], current["closed"]),
        previous_success_share=ind.success_share(
            previous["closed_successfully"], previous["closed"]
        ),
        trend_periods=periods,
        trend=trend,
    )
    report.targets = _targets(counts, period, targets or {})
    return report


def _targets(counts: Counts, period: Period, targets: dict[str, int]) -> list[TargetComparison]:
    """Art. 4.4b, 11.3e: the year so far against the annual plan's targets, pro rata."""
    year_start = date(period.start.year, 1, 1)
    months = (period.end.year - year_start.year) * 12 + period.end.month - 1
    found = []
    if (target := targets.get("referrals")) is not None:
        count = counts.referred_between(year_start, period.end)
        found.append(
            TargetComparison(str(_("Referrals")), target, target * months // 12, _one_cell(count))
        )
    if (target := targets.get("closed_successfully")) is not None:
        count = counts.closed_successfully_between(year_start, period.end)
        found.append(
            TargetComparison(
                str(_("Closed successfully")), target, target * months // 12, _one_cell(count)
            )
        )
    return found


__all__ = [
    "LEAD_PAIRS",
    "TABLE_CODES",
    "Counts",
    "PeriodKind",
    "Report",
    "build_report",
    "build_report_from",
]
