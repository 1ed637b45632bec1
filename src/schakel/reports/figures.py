"""The management report as data: every table suppressed, ready for page, PDF and exports.

Built from the anonymous facts with the pure functions of `domain.indicators`; nothing here
counts by itself except the annual-plan comparison (one suppressed cell). Raw counts never leave
this module: every table goes through `suppress` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from schakel.domain import indicators as ind
from schakel.domain.indicators import (
    CaseFact,
    Cell,
    Change,
    Dimension,
    LeadTimes,
    Period,
    PeriodKind,
    SuppressedTable,
    suppress,
)
from schakel.domain.workflow import Phase

THRESHOLD = 5

# The lead times the report shows: from referral to admission, to the table, to the plan, and
# the whole stay in the house.
LEAD_PAIRS: tuple[tuple[Phase, Phase], ...] = (
    (Phase.referral, Phase.preparation),
    (Phase.preparation, Phase.case_conference),
    (Phase.case_conference, Phase.mdo),
    (Phase.mdo, Phase.execution),
    (Phase.referral, Phase.closed),
)

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


def _tables(facts: Sequence[CaseFact], period: Period, by: Dimension) -> dict[str, SuppressedTable]:
    raw = {
        "referrals": ind.referrals(facts, [period.previous(), period], by),
        "triage": ind.triage_outcomes(facts, period, by),
        "decisions": ind.decision_mix(facts, period, by),
        "phases": ind.cases_per_phase(facts, period, by),
        "closures": ind.closures(facts, period, by),
        "actions": ind.plan_actions(facts, by),
    }
    return {code: suppress(table, THRESHOLD) for code, table in raw.items()}


def _totals(facts: Sequence[CaseFact], period: Period) -> dict[str, Cell]:
    """The headline figures of one period, each a suppressed grand or column total."""
    by = Dimension.target_group  # any dimension: the totals are the same
    referred = suppress(ind.referrals(facts, [period], by), THRESHOLD)
    triage = suppress(ind.triage_outcomes(facts, period, by), THRESHOLD)
    closed = suppress(ind.closures(facts, period, by), THRESHOLD)
    phases = suppress(ind.cases_per_phase(facts, period, by), THRESHOLD)
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
    """Everything the dashboard, the report and its exports show for ``period``."""
    current, previous = _totals(facts, period), _totals(facts, period.previous())
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
    trend = suppress(ind.referrals(facts, periods, Dimension.municipality), THRESHOLD)
    report = Report(
        period=period,
        by=by,
        tables=_tables(facts, period, by),
        lead_times=[ind.lead_times(facts, s, t, period, by, THRESHOLD) for s, t in LEAD_PAIRS],
        headlines=headlines,
        success_share=ind.success_share(current["closed_successfully"], current["closed"]),
        previous_success_share=ind.success_share(
            previous["closed_successfully"], previous["closed"]
        ),
        trend_periods=periods,
        trend=trend,
    )
    report.targets = _targets(facts, period, targets or {})
    return report


def _targets(
    facts: Sequence[CaseFact], period: Period, targets: dict[str, int]
) -> list[TargetComparison]:
    """Art. 4.4b, 11.3e: the year so far against the annual plan's targets, pro rata."""
    year_start = date(period.start.year, 1, 1)
    months = (period.end.year - year_start.year) * 12 + period.end.month - 1
    found = []
    if (target := targets.get("referrals")) is not None:
        count = sum(1 for f in facts if year_start <= f.referred_on < period.end)
        found.append(
            TargetComparison(str(_("Referrals")), target, target * months // 12, _one_cell(count))
        )
    if (target := targets.get("closed_successfully")) is not None:
        count = sum(
            1
            for f in facts
            if f.closed_on and f.closed_successfully and year_start <= f.closed_on < period.end
        )
        found.append(
            TargetComparison(
                str(_("Closed successfully")), target, target * months // 12, _one_cell(count)
            )
        )
    return found


__all__ = ["TABLE_CODES", "PeriodKind", "Report", "build_report"]
