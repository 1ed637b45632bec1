"""Management information (Art. 11.3e, 2.2c; DOMAIN.md "Privacy practice") from anonymous facts.

The manager reports to the steering group how many cases were handled and how many were
completed successfully (Art. 11.3e); the house signals trends (Art. 2.2c). Everything here is
computed from `CaseFact` rows: one per case, an opaque integer key and dates, enums and keys of
parties, municipalities and process directors -- never a name, BSN or case content. Expenditure
(Art. 11.3e, 19.2) is not a case fact and is not computed here.

Every count table goes through `suppress` (`domain.suppression`, which states the rule) before
anyone sees it; shares and comparisons are computed from the suppressed cells only, so they
cannot reveal a hidden number.

Periods are in `domain.periods`; lead times and phase spans in `domain.lead_times`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, TypeAlias, TypeVar

from schakel.domain.periods import Period
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import (
    DECISION_LABELS_NL,
    FINAL_PHASES,
    PHASE_LABELS_NL,
    Decision,
    Phase,
)

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


def count_facts(
    facts: Iterable[CaseFact],
    by: Dimension,
    columns: Sequence[tuple[str, str]],
    pick: Callable[[CaseFact], Iterable[tuple[str, int]]],
) -> CountTable:
    """Per row of `by`, the amounts `pick` gives each column (the indicators here and the lead
    times in lead_times.py count this way)."""
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
    return count_facts(
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
    return count_facts(
        facts,
        by,
        TRIAGE_COLUMNS,
        lambda f: _one("admitted" if f.admitted else "not_admitted", f.triage_decided_on in period),
    )


DECISION_COLUMNS = tuple((decision.value, DECISION_LABELS_NL[decision]) for decision in Decision)


def decision_mix(facts: Iterable[CaseFact], period: Period, by: Dimension) -> CountTable:
    """Conference decisions taken in `period`, one column per `Decision`."""
    return count_facts(
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
    return count_facts(
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
    return count_facts(
        facts,
        by,
        CLOSURE_COLUMNS,
        lambda f: _one(_OUTCOME[f.closed_successfully], f.closed_on in period),
    )


PLAN_ACTION_COLUMNS = (("not_overdue", "Open, op tijd"), ("overdue", "Open, verlopen"))


def plan_actions(facts: Iterable[CaseFact], by: Dimension) -> CountTable:
    """Open plan actions (a snapshot), split so the columns add up: the row total is all open
    actions, ``overdue`` the part past its due date. Counts actions, not cases."""
    return count_facts(
        facts,
        by,
        PLAN_ACTION_COLUMNS,
        lambda f: [
            ("not_overdue", f.open_plan_actions - f.overdue_plan_actions),
            ("overdue", f.overdue_plan_actions),
        ],
    )


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
