"""What is derived from a statistic's history when it is written, so the report can be computed
by the database (docs/reports.md, "Computed in SQL"): the lead time of each `LEAD_PAIRS` entry
and the spans of the open phases. Pure functions of the facts: the cases service, the data
generator and the backfill migration all call these, so the stored values cannot drift."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from schakel.domain.indicators import CaseFact
from schakel.domain.lead_times import lead_time, phase_spans
from schakel.domain.workflow import Phase

# The lead times the report shows: from referral to admission, to the table, to the plan, and
# the whole stay in the house. Slot i+1 of `CaseStatistic.lead_<n>_on/_days` is pair i: adding
# or reordering a pair needs a migration that recomputes the slots.
LEAD_PAIRS: tuple[tuple[Phase, Phase], ...] = (
    (Phase.referral, Phase.preparation),
    (Phase.preparation, Phase.case_conference),
    (Phase.case_conference, Phase.mdo),
    (Phase.mdo, Phase.execution),
    (Phase.referral, Phase.closed),
)
LEAD_FIELDS: tuple[tuple[str, str], ...] = tuple(
    (f"lead_{n}_on", f"lead_{n}_days") for n in range(1, len(LEAD_PAIRS) + 1)
)
LEAD_COLUMNS: tuple[str, ...] = tuple(name for pair in LEAD_FIELDS for name in pair)


def history_fact(referred_on: date, history: Sequence[Sequence[str]]) -> CaseFact:
    """A fact with only what the derived values need, from the stored JSON history."""
    return CaseFact(
        case_key=0,
        referred_on=referred_on,
        phase_history=tuple((Phase(phase), date.fromisoformat(day)) for phase, day in history),
    )


def lead_values(fact: CaseFact) -> dict[str, date | int | None]:
    values: dict[str, date | int | None] = {}
    for (on, days), (source, target) in zip(LEAD_FIELDS, LEAD_PAIRS, strict=True):
        found = lead_time(fact, source, target)
        values[on], values[days] = found if found is not None else (None, None)
    return values


def lead_row(fact: CaseFact) -> tuple[date | int | None, ...]:
    """The lead values in `LEAD_COLUMNS` order (for the bulk writers)."""
    values = lead_values(fact)
    return tuple(values[name] for name in LEAD_COLUMNS)


def span_rows(fact: CaseFact) -> list[tuple[str, date, date | None]]:
    return [(phase.value, start, end) for phase, start, end in phase_spans(fact)]


# --------------------------------------------------------------------------- monthly counts

DIMENSION_FIELDS: tuple[tuple[str, str], ...] = (
    ("target_group", "target_group"),
    ("municipality", "municipality_id"),
    ("referring_party", "referring_party_id"),
    ("process_director", "process_director_id"),
)
CountKey = tuple[date, str, str, str]  # (month, dimension, key, measure)


def month_of(day: date) -> date:
    return day.replace(day=1)


def row_key(value: object) -> str:
    return "" if value is None or value == "" else str(value)


def contributions(
    values: Mapping[str, Any], spans: Sequence[tuple[str, date, date | None]]
) -> Counter[CountKey]:
    """What one statistic adds to `MonthlyCount`, read as `selectors.fact_from_row` reads the
    row: per breakdown, the month of each event it counts and the measure."""
    events: Counter[tuple[date, str]] = Counter()
    referred: date = values["referred_on"]
    events[month_of(referred), "referred"] += 1
    triaged, admitted = values.get("triage_decided_on"), values.get("admitted")
    if triaged is not None and admitted is not None:
        events[month_of(triaged), "admitted" if admitted else "not_admitted"] += 1
    decision, decided = values.get("decision"), values.get("decision_on")
    if decision and decided is not None:
        events[month_of(decided), f"decision:{decision}"] += 1
    closed = values.get("closed_on")
    if closed is not None:
        outcome = {True: "successful", False: "not_successful", None: "unknown"}
        events[month_of(closed), f"closed:{outcome[values.get('closed_successfully')]}"] += 1
    opened = int(values.get("open_actions") or 0)
    overdue = min(int(values.get("overdue_actions") or 0), opened)
    # The snapshot of open actions counts for the facts referred before the period's end.
    events[month_of(referred), "actions:not_overdue"] += opened - overdue
    events[month_of(referred), "actions:overdue"] += overdue
    for phase, start, end in spans:
        events[month_of(start), f"in:{phase}"] += 1
        if end is not None:
            events[month_of(end), f"out:{phase}"] += 1
    found: Counter[CountKey] = Counter()
    for dimension, name in DIMENSION_FIELDS:
        key = row_key(values.get(name))
        for (month, measure), n in events.items():
            if n:
                found[month, dimension, key, measure] += n
    return found
