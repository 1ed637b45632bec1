"""Every indicator on the fixed dataset (see conftest), computed from the stored statistics."""

from __future__ import annotations

from datetime import date

import pytest

from schakel.domain import indicators as ind
from schakel.domain.indicators import Dimension
from schakel.domain.lead_times import lead_times
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.suppression import suppress
from schakel.domain.workflow import Phase
from schakel.reports import selectors
from schakel.reports.figures import build_report
from schakel.reports.models import CaseStatistic
from schakel.reports.services import case_statistic_record

Q1 = Period(PeriodKind.quarter, date(2026, 1, 1))
Q4 = Q1.previous()
BY = Dimension.municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts(fixed_stats: dict[str, int]) -> list[ind.CaseFact]:
    return list(selectors.case_facts())


def _row(table: ind.Table[int], key: int) -> list[int]:
    return list(table.grid[table.rows.index(key)])


def test_referrals(facts, fixed_stats) -> None:
    table = ind.referrals(facts, [Q4, Q1], BY)
    assert table.rows == (fixed_stats["zwolle"], fixed_stats["elsewhere"])
    assert _row(table, fixed_stats["zwolle"]) == [0, 12, 12]
    assert _row(table, fixed_stats["elsewhere"]) == [3, 0, 3]
    assert table.total == 15


def test_triage_outcomes(facts, fixed_stats) -> None:
    table = ind.triage_outcomes(facts, Q1, BY)
    assert _row(table, fixed_stats["zwolle"]) == [9, 1, 10]
    assert _row(table, fixed_stats["elsewhere"]) == [0, 0, 0]
    q4 = ind.triage_outcomes(facts, Q4, BY)
    assert q4.column_total("admitted") == 3


def test_decision_mix(facts, fixed_stats) -> None:
    table = ind.decision_mix(facts, Q1, BY)
    zwolle = fixed_stats["zwolle"]
    assert table.cell(zwolle, "process_direction_house") == 5
    assert table.cell(zwolle, "isd") == 2
    assert table.cell(zwolle, "scale_down") == 1
    assert table.row_total(zwolle) == 8
    assert table.row_total(fixed_stats["elsewhere"]) == 0  # decided in December
    assert ind.decision_mix(facts, Q4, BY).total == 3


def test_cases_per_phase_at_the_end_of_the_period(facts, fixed_stats) -> None:
    table = ind.cases_per_phase(facts, Q1, BY)
    zwolle = fixed_stats["zwolle"]
    assert table.cell(zwolle, Phase.triage) == 2
    assert table.cell(zwolle, Phase.preparation) == 1
    assert table.cell(zwolle, Phase.execution) == 7
    assert table.row_total(zwolle) == 10  # the closed and the not admitted are no caseload
    assert table.row_total(fixed_stats["elsewhere"]) == 0
    # At the end of Q4 the three "elsewhere" cases were in execution.
    assert ind.cases_per_phase(facts, Q4, BY).cell(fixed_stats["elsewhere"], Phase.execution) == 3


def test_closures_and_success_share(facts, fixed_stats) -> None:
    table = ind.closures(facts, Q1, BY)
    assert _row(table, fixed_stats["zwolle"]) == [1, 0, 0, 1]
    assert _row(table, fixed_stats["elsewhere"]) == [2, 1, 0, 3]
    assert table.column_total("successful") == 3 and table.total == 4
    assert ind.success_share(3, 4) == 0.75


def test_plan_actions(facts, fixed_stats) -> None:
    table = ind.plan_actions(facts, BY)
    assert _row(table, fixed_stats["zwolle"]) == [8, 2, 10]


def test_lead_times(facts, fixed_stats) -> None:
    admitted = lead_times(facts, Phase.referral, Phase.preparation, Q1, BY)
    assert admitted.total.cases == 9
    assert (admitted.total.median_days, admitted.total.p90_days) == (5, 5)
    to_plan = lead_times(facts, Phase.case_conference, Phase.mdo, Q1, BY)
    assert (to_plan.total.cases, to_plan.total.median_days) == (5, 0)
    # Four cases closed in Q1 (28, 116, 117, 118 days): fewer than 5, so no median is shown.
    stay = lead_times(facts, Phase.referral, Phase.closed, Q1, BY)
    assert stay.total.cases == "<5" and stay.total.median_days is None


def test_breakdowns_by_every_dimension(facts, fixed_stats, anouk) -> None:
    assert (
        ind.referrals(facts, [Q1], Dimension.referring_party).cell(
            fixed_stats["police"], Q1.start.isoformat()
        )
        == 12
    )
    by_director = ind.referrals(facts, [Q1], Dimension.process_director)
    assert by_director.row_total(anouk.pk) == 6 and by_director.row_total(None) == 6
    by_group = ind.referrals(facts, [Q1], Dimension.target_group)
    assert by_group.row_total("prolific_offenders") == 8 and by_group.row_total("top_x") == 4


def test_report_headlines_and_comparison(facts) -> None:
    report = build_report(facts, Q1, BY, targets={"referrals": 40})
    headline = {h.code: h for h in report.headlines}
    assert headline["referrals"].current == 12 and headline["referrals"].previous == "<5"
    assert headline["referrals"].change is None  # a hidden number is never compared
    assert headline["caseload"].current == 10
    assert headline["closed"].current == "<5"
    (target,) = report.targets
    assert (target.target, target.expected_so_far, target.actual_so_far) == (40, 10, 12)


def test_no_small_number_leaves_the_report(facts) -> None:
    for by in Dimension:
        report = build_report(facts, Q1, by)
        assert report.tables["triage"] == suppress(ind.triage_outcomes(facts, Q1, by))
        assert report.tables["closures"] == suppress(ind.closures(facts, Q1, by))
        for table in [*report.tables.values(), report.trend]:
            for line in table.grid:
                assert all(c in ("<5", "x") or c == 0 or c >= 5 for c in line), line  # type: ignore[operator]
        for lead in report.lead_times:
            for row in (*lead.rows, lead.total):
                assert row.median_days is None or row.cases not in ("<5",)
        for headline in report.headlines:
            assert headline.current in ("<5", "x") or headline.current == 0 or headline.current >= 5  # type: ignore[operator]


def test_record_is_idempotent_and_keys_are_random(fixed_stats) -> None:
    before = CaseStatistic.objects.count()
    row = CaseStatistic.objects.get(case_ref=100)
    again = case_statistic_record(case_ref=100, referred_on=date(2026, 1, 5))
    assert CaseStatistic.objects.count() == before
    assert again.key == row.key and again.key != 100 and again.phase_history == []
    keys = set(CaseStatistic.objects.values_list("key", flat=True))
    assert len(keys) == before


def test_a_statistic_without_its_case_still_counts(fixed_stats) -> None:
    """The retention sweep nulls case_ref; the figures stay the same."""
    before = list(selectors.case_facts())
    CaseStatistic.objects.update(case_ref=None)
    assert list(selectors.case_facts()) == before


def test_contradicting_facts_are_refused(db) -> None:
    with pytest.raises(ValueError, match="together"):
        case_statistic_record(case_ref=1, referred_on=date(2026, 1, 1), admitted=True)
    with pytest.raises(ValueError, match="date order"):
        case_statistic_record(
            case_ref=1,
            referred_on=date(2026, 1, 1),
            phase_history=[("mdo", date(2026, 2, 1)), ("triage", date(2026, 1, 2))],
        )
    with pytest.raises(ValueError, match="nonsense"):
        case_statistic_record(
            case_ref=1,
            referred_on=date(2026, 1, 1),
            decision="nonsense",
            decision_on=date(2026, 1, 2),
        )
    assert not CaseStatistic.objects.exists()
