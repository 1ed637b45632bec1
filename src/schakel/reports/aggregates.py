"""The report's counts from the database (issue 8: the five-year report over a million cases
in under 2 s), the scale twin of `figures.FactCounts`; docs/reports.md says why it is built
this way.

Counts come from `MonthlyCount` (per month, breakdown key and measure, kept with every
statistic): a period is a range of months, the caseload on a period's last day is the phase
spans entered minus those left by then, so no request reads the statistics one by one. Lead
times need every value for an exact median, so they are ranked over the statistics' derived
slots in one query: PostgreSQL's `percentile_disc` is the nearest-rank percentile of
`lead_times.nearest_rank` (`percentile_cont` interpolates and would change the published
figures); SQLite ranks in Python.

Assumes what `record_statistics` guarantees: triage, decision and closure fall on or after
the referral, so the counts of a period only hold cases referred before its end.
Only counts leave the database; suppression happens in `figures`, exactly as for the facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, Sum

from schakel.domain import indicators as ind
from schakel.domain.indicators import (
    CLOSURE_COLUMNS,
    DECISION_COLUMNS,
    OPEN_PHASES,
    PLAN_ACTION_COLUMNS,
    TRIAGE_COLUMNS,
    CountTable,
    Dimension,
    RowKey,
)
from schakel.domain.lead_times import LEAD_COLUMNS, LeadTimes, lead_times_from, nearest_rank
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import PHASE_LABELS_NL, Phase
from schakel.reports.cache import figures_cached
from schakel.reports.derived import LEAD_FIELDS, LEAD_PAIRS
from schakel.reports.figures import Report, build_report_from, trend_periods
from schakel.reports.models import CaseStatistic, MonthlyCount

FIELD = {
    Dimension.target_group: "target_group",
    Dimension.municipality: "municipality_id",
    Dimension.referring_party: "referring_party_id",
    Dimension.process_director: "process_director_id",
}
Ranks = tuple[int, tuple[int, int] | None]  # (cases, (median, p90) or None)


def _key(by: Dimension, value: Any) -> RowKey:
    if value is None or value == "":
        return None
    return TargetGroup(value) if by is Dimension.target_group else int(value)


def _months(start: date, end: date) -> Q:
    return Q(month__gte=start, month__lt=end)


class SqlCounts:
    """`figures.Counts` for the report of ``period`` broken down ``by``: the facts are the
    statistics referred before the period's end, as in the reference path."""

    def __init__(self, period: Period, by: Dimension) -> None:
        self.period, self.by = period, by
        self.until = period.end
        self.trend = trend_periods(period)
        self.year_start = Period.from_date(PeriodKind.year, period.start).start
        self._sums: dict[tuple[str, RowKey, str], dict[str, int]] | None = None
        self._leads: dict[tuple[Phase, Phase], tuple[dict[RowKey, Ranks], Ranks]] | None = None

    # ----------------------------------------------------------------- one grouped query

    def sums(self) -> dict[tuple[str, RowKey, str], dict[str, int]]:
        """(dimension, key, measure) -> the sum per window of months this report needs."""
        if self._sums is None:
            self._sums = self._read()
        return self._sums

    def _read(self) -> dict[tuple[str, RowKey, str], dict[str, int]]:
        previous = self.period.previous()
        windows: dict[str, Q] = {f"t{i}": _months(p.start, p.end) for i, p in enumerate(self.trend)}
        windows["cur"] = _months(self.period.start, self.period.end)
        windows["prev"] = _months(previous.start, previous.end)
        windows["ytd"] = _months(self.year_start, self.until)
        windows["upto_prev"] = Q(month__lt=previous.end)
        dims = dict.fromkeys((Dimension.target_group, Dimension.municipality, self.by))
        rows = (
            MonthlyCount.objects.filter(month__lt=self.until, dimension__in=[d.value for d in dims])
            .values("dimension", "key", "measure")
            .annotate(all=Sum("n"), **{name: Sum("n", filter=q) for name, q in windows.items()})
            .order_by()
        )
        found: dict[tuple[str, RowKey, str], dict[str, int]] = {}
        for row in rows:
            dimension = Dimension(row.pop("dimension"))
            key = (dimension.value, _key(dimension, row.pop("key")), row.pop("measure"))
            found[key] = {name: int(value or 0) for name, value in row.items()}
        return found

    def keys(self, by: Dimension) -> set[RowKey]:
        """The breakdown keys of every statistic referred before the period's end."""
        return {
            key
            for (dimension, key, measure), sums in self.sums().items()
            if dimension == by.value and measure == "referred" and sums["all"] > 0
        }

    def _table(
        self, by: Dimension, columns: Sequence[tuple[str, str]], cell: dict[str, tuple[str, str]]
    ) -> CountTable:
        """`cell`: column code -> (measure, window)."""
        counts: dict[tuple[RowKey, str], int] = {}
        wanted = {measure: code for code, (measure, _) in cell.items()}
        for (dimension, key, measure), sums in self.sums().items():
            if dimension == by.value and measure in wanted:
                code = wanted[measure]
                counts[key, code] = counts.get((key, code), 0) + sums[cell[code][1]]
        return ind.table_from_counts(by, columns, self.keys(by), counts)

    def _window(self, period: Period) -> str:
        if period == self.period:
            return "cur"
        if period == self.period.previous():
            return "prev"
        raise ValueError(f"{period} is not part of this report")

    # ----------------------------------------------------------------- figures.Counts

    def referrals(self, periods: Sequence[Period], by: Dimension) -> CountTable:
        columns = [(p.start.isoformat(), p.label_nl) for p in periods]
        counts: dict[tuple[RowKey, str], int] = {}
        for (dimension, key, measure), sums in self.sums().items():
            if dimension == by.value and measure == "referred":
                for p in periods:
                    counts[key, p.start.isoformat()] = sums[f"t{self.trend.index(p)}"]
        return ind.table_from_counts(by, columns, self.keys(by), counts)

    def triage(self, period: Period, by: Dimension) -> CountTable:
        w = self._window(period)
        cells = {"admitted": ("admitted", w), "not_admitted": ("not_admitted", w)}
        return self._table(by, TRIAGE_COLUMNS, cells)

    def decisions(self, period: Period, by: Dimension) -> CountTable:
        if period != self.period:
            raise ValueError(f"{period} is not the period of this report")
        cells = {code: (f"decision:{code}", "cur") for code, _ in DECISION_COLUMNS}
        return self._table(by, DECISION_COLUMNS, cells)

    def closures(self, period: Period, by: Dimension) -> CountTable:
        w = self._window(period)
        cells = {code: (f"closed:{code}", w) for code, _ in CLOSURE_COLUMNS}
        return self._table(by, CLOSURE_COLUMNS, cells)

    def plan_actions(self, by: Dimension) -> CountTable:
        cells = {code: (f"actions:{code}", "all") for code, _ in PLAN_ACTION_COLUMNS}
        return self._table(by, PLAN_ACTION_COLUMNS, cells)

    def phases(self, period: Period, by: Dimension) -> CountTable:
        """The caseload at the end of ``period``: spans entered minus spans left by then."""
        w = "all" if period == self.period else "upto_prev"
        self._window(period)
        columns = [(phase.value, PHASE_LABELS_NL[phase]) for phase in OPEN_PHASES]
        counts: dict[tuple[RowKey, str], int] = {}
        for (dimension, key, measure), sums in self.sums().items():
            kind, _, phase = measure.partition(":")
            if dimension == by.value and kind in ("in", "out"):
                sign = 1 if kind == "in" else -1
                counts[key, phase] = counts.get((key, phase), 0) + sign * sums[w]
        return ind.table_from_counts(by, columns, self.keys(by), counts)

    def referred_between(self, start: date, end: date) -> int:
        self._year_to_date(start, end)
        return self._total("referred", "ytd")

    def closed_successfully_between(self, start: date, end: date) -> int:
        self._year_to_date(start, end)
        return self._total("closed:successful", "ytd")

    def _year_to_date(self, start: date, end: date) -> None:
        if (start, end) != (self.year_start, self.until):
            raise ValueError("only the year to date of this report")

    def _total(self, measure: str, window: str) -> int:
        dimension = Dimension.target_group.value  # every statistic has one key in each
        return sum(
            sums[window]
            for (d, _key, m), sums in self.sums().items()
            if d == dimension and m == measure
        )

    def lead_times(
        self, source: Phase, target: Phase, period: Period, by: Dimension, threshold: int
    ) -> LeadTimes:
        if period != self.period or by != self.by:
            raise ValueError("only the period and breakdown of this report")
        if self._leads is None:
            self._leads = _ranked(self.until, period, by)
        per_key, total = self._leads[source, target]
        counts = {(key, "cases"): n for key, (n, _) in per_key.items()}
        table = ind.table_from_counts(by, LEAD_COLUMNS, self.keys(by), counts)

        def enough(found: Ranks) -> tuple[int, int] | None:
            return found[1] if found[0] >= threshold else None

        ranks = {key: enough(found) for key, found in per_key.items()}
        return lead_times_from(table, source, target, ranks, enough(total), threshold)


def _ranked(
    until: date, period: Period, by: Dimension
) -> dict[tuple[Phase, Phase], tuple[dict[RowKey, Ranks], Ranks]]:
    if connection.vendor == "postgresql":
        return _ranked_postgres(until, period, by)
    return {pair: _ranked_python(until, period, by, slot) for slot, pair in enumerate(LEAD_PAIRS)}


def _ranked_python(
    until: date, period: Period, by: Dimension, slot: int
) -> tuple[dict[RowKey, Ranks], Ranks]:
    on, days = LEAD_FIELDS[slot]
    rows = CaseStatistic.objects.filter(
        referred_on__lt=until, **{f"{on}__gte": period.start, f"{on}__lt": period.end}
    ).values_list(FIELD[by], days)
    values: dict[RowKey, list[int]] = {}
    for key, n in rows:
        values.setdefault(_key(by, key), []).append(int(n))

    def ranks(found: list[int]) -> Ranks:
        if not found:
            return 0, None
        return len(found), (nearest_rank(found, 50), nearest_rank(found, 90))

    every = [n for found in values.values() for n in found]
    return {key: ranks(found) for key, found in values.items()}, ranks(every)


def _ranked_postgres(
    until: date, period: Period, by: Dimension
) -> dict[tuple[Phase, Phase], tuple[dict[RowKey, Ranks], Ranks]]:
    """Every lead-time pair in one scan. `percentile_disc(p)` returns the first value whose
    cumulative share reaches p, i.e. the value at rank ceil(p * n): `nearest_rank`."""
    column = FIELD[by]
    selects, wheres, params = [], [], []
    for on, days in LEAD_FIELDS:
        within = f"{on} >= %s AND {on} < %s"
        selects.append(
            f"COUNT(*) FILTER (WHERE {within}), percentile_disc(ARRAY[0.5, 0.9]) "
            f"WITHIN GROUP (ORDER BY {days}) FILTER (WHERE {within})"
        )
        wheres.append(f"({within})")
        params += [period.start, period.end] * 2
    where_params = [period.start, period.end] * len(LEAD_FIELDS)
    # Names come from the models and this module, never from input.
    sql = (
        f"SELECT {column}, GROUPING({column}), {', '.join(selects)} "  # noqa: S608
        f"FROM {CaseStatistic._meta.db_table} "
        f"WHERE referred_on < %s AND ({' OR '.join(wheres)}) "
        f"GROUP BY GROUPING SETS (({column}), ())"
    )
    found: dict[tuple[Phase, Phase], tuple[dict[RowKey, Ranks], Ranks]] = {
        pair: ({}, (0, None)) for pair in LEAD_PAIRS
    }
    with transaction.atomic(), connection.cursor() as cursor:
        # The ranks sort every lead time of the period; in memory, not in temporary files.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, [*params, until, *where_params])
        rows = cursor.fetchall()
    for key, grouping, *cells in rows:
        for slot, pair in enumerate(LEAD_PAIRS):
            n, ranks = cells[2 * slot], cells[2 * slot + 1]
            value: Ranks = (int(n), (int(ranks[0]), int(ranks[1])) if n else None)
            if grouping:
                found[pair] = (found[pair][0], value)
            elif n:
                found[pair][0][_key(by, key)] = value
    return found


def sql_report(period: Period, by: Dimension, *, targets: dict[str, int] | None = None) -> Report:
    """The report of ``period`` by ``by``, counted by the database (see the module docstring),
    once per version of the figures (`reports/cache.py`)."""
    wanted = (f"{name}={n}" for name, n in sorted((targets or {}).items()))
    key = ("report", period.kind.value, period.start, by.value, *wanted)
    return figures_cached(
        key, lambda: build_report_from(SqlCounts(period, by), period, by, targets=targets)
    )
