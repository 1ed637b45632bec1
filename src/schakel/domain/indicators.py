"""Management information (Art. 11.3e, 2.2c; DOMAIN.md "Privacy practice") from anonymous facts.

The manager reports to the steering group how many cases were handled and how many were
completed successfully (Art. 11.3e); the house signals trends (Art. 2.2c). Everything here is
computed from `CaseFact` rows: one per case, an opaque integer key and dates, enums and keys of
parties, municipalities and process directors -- never a name, BSN or case content. Expenditure
(Art. 11.3e, 19.2) is not a case fact and is not computed here.

Every count table goes through `suppress` before anyone sees it; shares and comparisons are
computed from the suppressed cells only, so they cannot reveal a hidden number.

Suppression rule (`suppress`), applied to the cells *and* to the row, column and grand totals:

1. Primary: a count of 1 up to ``threshold - 1`` (default 1-4) is shown as ``"<5"``. Zero is shown.
2. Complementary: a table is a set of lines (each row with its row total, each column with its
   column total, the totals row and the totals column with the grand total); in each line the
   total equals the sum of the cells. If a hidden entry can be derived exactly from its line --
   in particular when exactly one cell of a line with a visible total is hidden -- the next
   smallest visible non-zero cell of that line is hidden as well (the line's total when no such
   cell is left), shown as ``"x"`` (CBS: "geheim"; not ``"<5"``, as it is 5 or more), and the
   check is repeated until no line gives a hidden entry away. "Derived" assumes a reader who
   knows the rule: a ``"<5"`` entry lies in 1..4, an ``"x"`` entry is at least 5 (it would be
   ``"<5"`` or ``0`` otherwise). The threshold is at least 3 (``"<2"`` would say 1).

Known limits: the check is per line (no linear programming across lines), and a line whose
non-zero entries are all hidden can still pin them (four ``"<5"`` cells under a ``"<5"`` total are
all 1); use coarser periods or dimensions when that matters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, TypeAlias, TypeVar

from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import (
    DECISION_LABELS_NL,
    FINAL_PHASES,
    PHASE_LABELS_NL,
    Decision,
    Phase,
)

# --------------------------------------------------------------------------- periods


class PeriodKind(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


_MONTHS: Mapping[PeriodKind, int] = MappingProxyType(
    {PeriodKind.month: 1, PeriodKind.quarter: 3, PeriodKind.year: 12}
)
MONTH_NAMES_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year; `start` is its first day, `end` the day after it."""

    kind: PeriodKind
    start: date

    def __post_init__(self) -> None:
        if isinstance(self.start, datetime):
            raise TypeError("Period.start is a date, not a datetime")
        if self.start.day != 1 or (self.start.month - 1) % _MONTHS[self.kind]:
            raise ValueError(f"{self.start} does not start a {self.kind}")

    @classmethod
    def from_date(cls, kind: PeriodKind, day: date) -> Period:
        step = _MONTHS[kind]
        return cls(kind, date(day.year, (day.month - 1) // step * step + 1, 1))

    @property
    def end(self) -> date:
        """Exclusive: the first day of the next period."""
        return _add_months(self.start, _MONTHS[self.kind])

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def next(self) -> Period:
        return Period(self.kind, self.end)

    def previous(self) -> Period:
        return Period(self.kind, _add_months(self.start, -_MONTHS[self.kind]))

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day < self.end

    @property
    def label_nl(self) -> str:
        if self.kind is PeriodKind.month:
            return f"{MONTH_NAMES_NL[self.start.month - 1]} {self.start.year}"
        if self.kind is PeriodKind.quarter:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)


def periods_between(kind: PeriodKind, first: date, last: date) -> tuple[Period, ...]:
    """The periods of `kind` that overlap ``first..last`` (both inclusive), oldest first."""
    found: list[Period] = []
    period = Period.from_date(kind, first)
    while period.start <= last:
        found.append(period)
        period = period.next()
    return tuple(found)


# --------------------------------------------------------------------------- facts


class Dimension(StrEnum):
    target_group = "target_group"
    municipality = "municipality"
    referring_party = "referring_party"
    process_director = "process_director"


DIMENSION_LABELS_NL: Mapping[Dimension, str] = MappingProxyType(
    {
        Dimension.target_group: "Doelgroep",
        Dimension.municipality: "Gemeente",
        Dimension.referring_party: "Aanmeldende partij",
        Dimension.process_director: "Procesregisseur",
    }
)

RowKey: TypeAlias = str | int | None
"""A `TargetGroup` or an opaque integer key; None: not recorded ("Onbekend")."""
Cell: TypeAlias = int | str
"""A published count, or a suppression marker."""


@dataclass(frozen=True)
class CaseFact:
    """One case, anonymous. `phase_history` lists every phase entry in order (re-entries too,
    e.g. back to the case conference); `decision` is the conference decision that routed the
    case. Plan-action counts are a snapshot at the time the facts were taken."""

    case_key: int
    referred_on: date
    target_group: TargetGroup | None = None
    municipality_key: int | None = None
    referring_party_key: int | None = None
    process_director_key: int | None = None
    triage_decided_on: date | None = None
    admitted: bool | None = None
    decision: Decision | None = None
    decided_on: date | None = None
    phase_history: tuple[tuple[Phase, date], ...] = ()
    closed_on: date | None = None
    closed_successfully: bool | None = None
    open_plan_actions: int = 0
    overdue_plan_actions: int = 0

    def __post_init__(self) -> None:
        if (self.admitted is None) != (self.triage_decided_on is None):
            raise ValueError("admitted and triage_decided_on go together")
        if (self.decision is None) != (self.decided_on is None):
            raise ValueError("decision and decided_on go together")
        if self.closed_successfully is not None and self.closed_on is None:
            raise ValueError("closed_successfully needs closed_on")
        if not 0 <= self.overdue_plan_actions <= self.open_plan_actions:
            raise ValueError("need 0 <= overdue_plan_actions <= open_plan_actions")
        days = [day for _, day in self.phase_history]
        if days != sorted(days):
            raise ValueError("phase_history must be in date order")

    def entered(self, phase: Phase) -> date | None:
        """The first day the case entered `phase` (`referred_on` for a referral not listed)."""
        first = next((day for entered, day in self.phase_history if entered == phase), None)
        return self.referred_on if first is None and phase is Phase.referral else first

    def phase_on(self, day: date) -> Phase | None:
        """The phase at the end of `day`; None if the case was not referred yet."""
        if self.referred_on > day:
            return None
        current = Phase.referral
        for phase, entered in self.phase_history:
            if entered > day:
                break
            current = phase
        return current


def dimension_key(fact: CaseFact, by: Dimension) -> RowKey:
    keys: dict[Dimension, RowKey] = {
        Dimension.target_group: fact.target_group,
        Dimension.municipality: fact.municipality_key,
        Dimension.referring_party: fact.referring_party_key,
        Dimension.process_director: fact.process_director_key,
    }
    return keys[by]


_GROUP_ORDER: dict[str, int] = {group.value: index for index, group in enumerate(TargetGroup)}


def _row_order(key: RowKey) -> tuple[int, int, str]:
    if key is None:
        return (2, 0, "")
    if isinstance(key, int):
        return (0, key, "")
    return (1, _GROUP_ORDER.get(key, len(_GROUP_ORDER)), key)


# --------------------------------------------------------------------------- tables

_T = TypeVar("_T", int, int | str)


@dataclass(frozen=True)
class Table(Generic[_T]):
    """A breakdown by one dimension. `grid` is the cells plus a last column of row totals and a
    last row of column totals; the last entry is the grand total. Rows are every key that occurs
    in the facts given (also with only zeros), by key, None ("Onbekend") last."""

    dimension: Dimension
    columns: tuple[str, ...]  # stable codes
    column_labels: tuple[str, ...]  # Dutch
    rows: tuple[RowKey, ...]
    grid: tuple[tuple[_T, ...], ...]

    def cell(self, row: RowKey, column: str) -> _T:
        return self.grid[self.rows.index(row)][self.columns.index(column)]

    def row_total(self, row: RowKey) -> _T:
        return self.grid[self.rows.index(row)][-1]

    def column_total(self, column: str) -> _T:
        return self.grid[-1][self.columns.index(column)]

    @property
    def total(self) -> _T:
        return self.grid[-1][-1]


CountTable: TypeAlias = "Table[int]"
"""Raw counts: never shown as they are, only through `suppress`."""
SuppressedTable: TypeAlias = "Table[Cell]"


def count_table(
    by: Dimension,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[RowKey],
    cells: Sequence[Sequence[int]],
) -> CountTable:
    """A `CountTable` from (code, Dutch label) columns and the cells; adds the totals."""
    grid = [[*line, sum(line)] for line in cells]
    grid.append([sum(line[c] for line in grid) for c in range(len(columns) + 1)])
    codes, labels = tuple(c for c, _ in columns), tuple(label for _, label in columns)
    return Table(by, codes, labels, tuple(rows), tuple(map(tuple, grid)))


def table_from_counts(
    by: Dimension,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[RowKey],
    counts: Mapping[tuple[RowKey, str], int],
) -> CountTable:
    """A `CountTable` from counts already made elsewhere (e.g. by the database): `rows` are the
    keys that occur in the facts, in any order; a missing (row, column) count is zero."""
    ordered = sorted(set(rows), key=_row_order)
    cells = [[counts.get((row, code), 0) for code, _ in columns] for row in ordered]
    return count_table(by, columns, ordered, cells)


def _count(
    facts: Iterable[CaseFact],
    by: Dimension,
    columns: Sequence[tuple[str, str]],
    pick: Callable[[CaseFact], Iterable[tuple[str, int]]],
) -> CountTable:
    facts = tuple(facts)
    rows = sorted({dimension_key(fact, by) for fact in facts}, key=_row_order)
    codes = [code for code, _ in columns]
    counts = [[0] * len(codes) for _ in rows]
    for fact in facts:
        for code, amount in pick(fact):
            counts[rows.index(dimension_key(fact, by))][codes.index(code)] += amount
    return count_table(by, columns, rows, counts)


def _one(code: str, when: bool) -> list[tuple[str, int]]:
    return [(code, 1)] if when else []


def referrals(facts: Iterable[CaseFact], periods: Sequence[Period], by: Dimension) -> CountTable:
    """Cases referred, one column per period (code: the period's first day, ISO)."""
    columns = [(p.start.isoformat(), p.label_nl) for p in periods]
    return _count(
        facts,
        by,
        columns,
        lambda f: [
            (c, 1) for (c, _), p in zip(columns, periods, strict=True) if f.referred_on in p
        ],
    )


TRIAGE_COLUMNS = (("admitted", "Toegelaten"), ("not_admitted", "Niet toegelaten"))


def triage_outcomes(facts: Iterable[CaseFact], period: Period, by: Dimension) -> CountTable:
    """Triage decisions taken in `period`: admitted or not admitted."""
    return _count(
        facts,
        by,
        TRIAGE_COLUMNS,
        lambda f: _one("admitted" if f.admitted else "not_admitted", f.triage_decided_on in period),
    )


DECISION_COLUMNS = tuple((decision.value, DECISION_LABELS_NL[decision]) for decision in Decision)


def decision_mix(facts: Iterable[CaseFact], period: Period, by: Dimension) -> CountTable:
    """Conference decisions taken in `period`, one column per `Decision`."""
    return _count(
        facts,
        by,
        DECISION_COLUMNS,
        lambda f: _one(str(f.decision), f.decision is not None and f.decided_on in period),
    )


OPEN_PHASES: tuple[Phase, ...] = tuple(phase for phase in Phase if phase not in FINAL_PHASES)


def cases_per_phase(
    facts: Iterable[CaseFact], period: Period, by: Dimension, phases: Sequence[Phase] = OPEN_PHASES
) -> CountTable:
    """Cases in each of `phases` at the end of the period's last day (default: the open phases,
    i.e. the caseload; pass `Phase` for all)."""
    columns = [(phase.value, PHASE_LABELS_NL[phase]) for phase in phases]
    return _count(
        facts,
        by,
        columns,
        lambda f: _one(str(f.phase_on(period.last_day)), f.phase_on(period.last_day) in phases),
    )


CLOSURE_COLUMNS = (
    ("successful", "Succesvol afgerond"),
    ("not_successful", "Niet succesvol afgerond"),
    ("unknown", "Resultaat niet vastgelegd"),
)
_OUTCOME = {True: "successful", False: "not_successful", None: "unknown"}


def closures(facts: Iterable[CaseFact], period: Period, by: Dimension) -> CountTable:
    """Cases closed in `period` by result; the row total is all cases closed."""
    return _count(
        facts,
        by,
        CLOSURE_COLUMNS,
        lambda f: _one(_OUTCOME[f.closed_successfully], f.closed_on in period),
    )


PLAN_ACTION_COLUMNS = (("not_overdue", "Open, op tijd"), ("overdue", "Open, verlopen"))


def plan_actions(facts: Iterable[CaseFact], by: Dimension) -> CountTable:
    """Open plan actions (a snapshot), split so the columns add up: the row total is all open
    actions, ``overdue`` the part past its due date. Counts actions, not cases."""
    return _count(
        facts,
        by,
        PLAN_ACTION_COLUMNS,
        lambda f: [
            ("not_overdue", f.open_plan_actions - f.overdue_plan_actions),
            ("overdue", f.overdue_plan_actions),
        ],
    )


# --------------------------------------------------------------------------- suppression

COMPLEMENTARY = "x"
_Pos: TypeAlias = tuple[int, int]


def _lines(rows: int, columns: int) -> list[tuple[list[_Pos], _Pos]]:
    """(cells, total) of every row and column, the totals row and column included."""
    found = [([(r, c) for c in range(columns)], (r, columns)) for r in range(rows + 1)]
    found += [([(r, c) for r in range(rows)], (rows, c)) for c in range(columns + 1)]
    return found


def _pinned(
    cells: list[_Pos], total: _Pos, value: list[list[int]], bounds: dict[_Pos, tuple[float, float]]
) -> bool:
    """Whether ``total = sum(cells)`` with the visible entries fixes a hidden entry exactly."""
    signed = [(total, 1)] + [(cell, -1) for cell in cells]
    known = sum(sign * value[r][c] for (r, c), sign in signed if (r, c) not in bounds)
    hidden = [(pos, sign) for pos, sign in signed if pos in bounds]
    for pos, sign in hidden:
        low = high = float(known)
        for other, other_sign in hidden:
            if other != pos:
                other_low, other_high = bounds[other]
                low += other_low if other_sign > 0 else -other_high
                high += other_high if other_sign > 0 else -other_low
        # sign * x + (rest in [low, high]) = 0
        low_x, high_x = (-high, -low) if sign > 0 else (low, high)
        low_x, high_x = max(low_x, bounds[pos][0]), min(high_x, bounds[pos][1])
        if low_x == high_x:
            return True
    return False


def suppress(table: CountTable, threshold: int = 5) -> SuppressedTable:
    """Hide small numbers and whatever would give them away; see the module docstring."""
    if threshold < 3:
        raise ValueError("threshold must be at least 3 (a marker '<2' would say 1)")
    rows, columns = len(table.rows), len(table.columns)
    value = [list(line) for line in table.grid]
    bounds: dict[_Pos, tuple[float, float]] = {
        (r, c): (1, threshold - 1)
        for r in range(rows + 1)
        for c in range(columns + 1)
        if 0 < value[r][c] < threshold
    }
    primary = set(bounds)
    lines = _lines(rows, columns)
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            if not _pinned(cells, total, value, bounds):
                continue
            visible = [(value[r][c], (r, c)) for r, c in cells if (r, c) not in bounds]
            candidates = sorted((v, pos) for v, pos in visible if v > 0)
            if candidates:
                bounds[candidates[0][1]] = (threshold, math.inf)
            elif total not in bounds and value[total[0]][total[1]] > 0:
                bounds[total] = (threshold, math.inf)
            else:
                continue  # every non-zero entry is hidden already (a known limit)
            changed = True
    marker = f"<{threshold}"
    grid = tuple(
        tuple(
            (marker if (r, c) in primary else COMPLEMENTARY) if (r, c) in bounds else v
            for c, v in enumerate(line)
        )
        for r, line in enumerate(value)
    )
    return Table(table.dimension, table.columns, table.column_labels, table.rows, grid)


# --------------------------------------------------------------------------- derived figures


def success_share(successful: Cell, closed: Cell) -> float | None:
    """Share closed successfully, from suppressed cells only; None when either is hidden or
    nothing was closed. Closures without a recorded result count as not successful."""
    if isinstance(successful, str) or isinstance(closed, str) or closed == 0:
        return None
    return successful / closed


@dataclass(frozen=True)
class Change:
    current: int
    previous: int
    absolute: int
    relative: float | None  # (current - previous) / previous; None when previous is 0


def change(current: Cell, previous: Cell) -> Change | None:
    """Change against the previous period, from suppressed cells only (None if one is hidden)."""
    if isinstance(current, str) or isinstance(previous, str):
        return None
    relative = (current - previous) / previous if previous else None
    return Change(current, previous, current - previous, relative)


def nearest_rank(values: Sequence[int], percentile: float) -> int:
    """The nearest-rank percentile: the value at rank ``ceil(p / 100 * n)`` (1-based, at least
    1) of the sorted values. Always an observed value; the median (p=50) of an even number of
    values is the lower middle one, e.g. ``[1, 2, 3, 4]`` -> 2."""
    if not values:
        raise ValueError("no values")
    if not 0 < percentile <= 100:
        raise ValueError("percentile must be in (0, 100]")
    rank = max(1, math.ceil(percentile / 100 * len(values)))
    return sorted(values)[rank - 1]


@dataclass(frozen=True)
class LeadTimeRow:
    row: RowKey
    cases: Cell  # from the suppressed count table
    median_days: int | None  # None when fewer than `threshold` cases
    p90_days: int | None


@dataclass(frozen=True)
class LeadTimes:
    dimension: Dimension
    source: Phase
    target: Phase
    rows: tuple[LeadTimeRow, ...]
    total: LeadTimeRow  # row key None here means "all cases"


def lead_times(
    facts: Iterable[CaseFact],
    source: Phase,
    target: Phase,
    period: Period,
    by: Dimension,
    threshold: int = 5,
) -> LeadTimes:
    """Days from the first entry of `source` to the first entry of `target` after it, for the
    cases that entered `target` in `period`: median and 90th percentile (`nearest_rank`)."""
    facts = tuple(facts)
    days: dict[RowKey, list[int]] = {}

    def pick(fact: CaseFact) -> list[tuple[str, int]]:
        found = lead_time(fact, source, target)
        if found is None or found[0] not in period:
            return []
        days.setdefault(dimension_key(fact, by), []).append(found[1])
        return [("cases", 1)]

    counts = _count(facts, by, LEAD_COLUMNS, pick)
    every = [d for key in counts.rows for d in days.get(key, [])]

    def ranks(values: list[int]) -> tuple[int, int] | None:
        if len(values) < threshold:
            return None
        return nearest_rank(values, 50), nearest_rank(values, 90)

    return lead_times_from(
        counts,
        source,
        target,
        {key: ranks(days.get(key, [])) for key in counts.rows},
        ranks(every),
        threshold,
    )


LEAD_COLUMNS = (("cases", "Casussen"),)


def lead_time(fact: CaseFact, source: Phase, target: Phase) -> tuple[date, int] | None:
    """The day `fact` first entered `target` after first entering `source`, and the days in
    between; None when it did not (yet). Stored per case, so the database can group it."""
    start = fact.entered(source)
    if start is None:
        return None
    end = next((d for p, d in fact.phase_history if p == target and d >= start), None)
    return None if end is None else (end, (end - start).days)


def lead_times_from(
    counts: CountTable,
    source: Phase,
    target: Phase,
    ranks: Mapping[RowKey, tuple[int, int] | None],
    total_ranks: tuple[int, int] | None,
    threshold: int = 5,
) -> LeadTimes:
    """`LeadTimes` from the cases per row (one column ``cases``) and the (median, p90) of every
    row with at least `threshold` cases (None otherwise), wherever they were computed."""
    table = suppress(counts, threshold)

    def row(key: RowKey, found: tuple[int, int] | None, cases: Cell) -> LeadTimeRow:
        if found is None:
            return LeadTimeRow(key, cases, None, None)
        return LeadTimeRow(key, cases, found[0], found[1])

    return LeadTimes(
        counts.dimension,
        source,
        target,
        tuple(row(key, ranks.get(key), table.row_total(key)) for key in table.rows),
        row(None, total_ranks, table.total),
    )


def phase_spans(
    fact: CaseFact, phases: Iterable[Phase] = OPEN_PHASES
) -> tuple[tuple[Phase, date, date | None], ...]:
    """The days the case spent in each of `phases`, as (phase, first day, day it left or None):
    ``phase_on(day) == phase`` exactly when ``first <= day < left`` for one span. Stored per case,
    so the database can count the caseload on any day without reading every history."""
    wanted = set(phases)
    starts = [(Phase.referral, fact.referred_on)]
    starts += [(phase, max(day, fact.referred_on)) for phase, day in fact.phase_history]
    spans: list[tuple[Phase, date, date | None]] = []
    for index, (phase, first) in enumerate(starts):
        left = starts[index + 1][1] if index + 1 < len(starts) else None
        if phase in wanted and (left is None or first < left):
            spans.append((phase, first, left))
    return tuple(spans)
