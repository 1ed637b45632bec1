"""Lead times between phases (median and 90th percentile) and the phase spans of a case.

Computed from the anonymous `CaseFact` rows; the case counts go through `suppress`, and no
median is shown for fewer cases than the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from schakel.domain.indicators import (
    OPEN_PHASES,
    CaseFact,
    Cell,
    CountTable,
    Dimension,
    RowKey,
    count_facts,
    dimension_key,
)
from schakel.domain.periods import Period
from schakel.domain.suppression import suppress
from schakel.domain.workflow import Phase


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

    counts = count_facts(facts, by, LEAD_COLUMNS, pick)
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
