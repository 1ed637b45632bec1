"""The database path (`aggregates.sql_report`, what the views use) and the reference path
(`figures.build_report` over `domain.indicators`) give the same report, on random datasets
and on the fixed one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Decision, Phase
from schakel.reports import selectors
from schakel.reports.aggregates import sql_report
from schakel.reports.counts import rebuild_counts
from schakel.reports.figures import build_report
from schakel.reports.models import MonthlyCount, PhaseSpan
from schakel.reports.services import case_statistic_record

pytestmark = pytest.mark.django_db
START = date(2024, 1, 1)


@st.composite
def statistic(draw: Any) -> dict[str, Any]:
    referred = START + timedelta(days=draw(st.integers(0, 3 * 365)))
    steps = draw(
        st.lists(st.tuples(st.sampled_from(list(Phase)), st.integers(-20, 200)), max_size=6)
    )
    history = [(phase, referred + timedelta(days=d)) for phase, d in steps]
    if draw(st.booleans()):
        history.insert(0, (Phase.referral, referred))
    history.sort(key=lambda step: step[1])
    triaged = draw(st.none() | st.integers(0, 90))
    decided = draw(st.none() | st.integers(0, 200))
    closed = draw(st.none() | st.integers(0, 400))
    open_actions = draw(st.integers(0, 4))
    return {
        "referred_on": referred,
        "target_group": draw(st.none() | st.sampled_from(list(TargetGroup)[:3])),
        "municipality_id": draw(st.none() | st.integers(1, 3)),
        "referring_party_id": draw(st.none() | st.integers(1, 3)),
        "process_director_id": draw(st.none() | st.integers(1, 2)),
        "triage_decided_on": None if triaged is None else referred + timedelta(days=triaged),
        "admitted": None if triaged is None else draw(st.booleans()),
        "decision": None if decided is None else draw(st.sampled_from(list(Decision))),
        "decision_on": None if decided is None else referred + timedelta(days=decided),
        "phase_history": history,
        "closed_on": None if closed is None else referred + timedelta(days=closed),
        "closed_successfully": None if closed is None else draw(st.none() | st.booleans()),
        "open_actions": open_actions,
        "overdue_actions": draw(st.integers(0, open_actions)),
    }


periods = st.sampled_from(
    [
        Period(PeriodKind.year, date(2025, 1, 1)),
        Period(PeriodKind.year, date(2026, 1, 1)),
        Period(PeriodKind.quarter, date(2025, 4, 1)),
        Period(PeriodKind.month, date(2025, 3, 1)),
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(statistic(), min_size=0, max_size=80),
    st.lists(st.tuples(st.integers(0, 79), statistic()), max_size=10),
    periods,
    st.sampled_from(list(Dimension)),
    st.booleans(),
)
def test_sql_report_equals_the_reference(rows, rewrites, period, by, with_targets) -> None:
    """Also after statistics are rewritten (a case moving on): the monthly counts follow."""
    targets = {"referrals": 40, "closed_successfully": 10} if with_targets else None
    with transaction.atomic():
        for ref, row in enumerate(rows):
            case_statistic_record(case_ref=ref + 1, **row)
        for ref, row in rewrites:
            if ref < len(rows):
                case_statistic_record(case_ref=ref + 1, **row)
        facts = list(selectors.case_facts(until=period.end))
        expected = build_report(facts, period, by, targets=targets)
        assert sql_report(period, by, targets=targets) == expected
        transaction.set_rollback(True)


def test_sql_report_on_the_fixed_dataset(fixed_stats) -> None:
    quarter = Period(PeriodKind.quarter, date(2026, 1, 1))
    for by in Dimension:
        facts = list(selectors.case_facts(until=quarter.end))
        expected = build_report(facts, quarter, by, targets={"referrals": 40})
        assert sql_report(quarter, by, targets={"referrals": 40}) == expected


def test_rebuilt_counts_equal_the_kept_ones(fixed_stats) -> None:
    kept = sorted(MonthlyCount.objects.values_list("month", "dimension", "key", "measure", "n"))
    rebuild_counts()
    rebuilt = MonthlyCount.objects.values_list("month", "dimension", "key", "measure", "n")
    assert sorted(row for row in rebuilt) == [row for row in kept if row[4]]
    assert kept


def test_spans_are_rewritten_with_the_statistic() -> None:
    day = date(2025, 1, 6)
    case_statistic_record(case_ref=1, referred_on=day, phase_history=[(Phase.triage, day)])
    assert list(PhaseSpan.objects.values_list("phase", "start_on", "end_on")) == [
        ("triage", day, None)
    ]
    later = day + timedelta(days=3)
    case_statistic_record(
        case_ref=1,
        referred_on=day,
        phase_history=[(Phase.triage, day), (Phase.not_admitted, later)],
        triage_decided_on=later,
        admitted=False,
    )
    assert list(PhaseSpan.objects.values_list("phase", "start_on", "end_on")) == [
        ("triage", day, later)
    ]
