"""Management information: periods, indicators on a fixed data set, suppression, comparison.

The expected numbers are counted by hand from `FACTS` below and written out literally.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.indicators import (
    OPEN_PHASES,
    CaseFact,
    Cell,
    Dimension,
    cases_per_phase,
    change,
    closures,
    count_table,
    decision_mix,
    plan_actions,
    referrals,
    success_share,
    triage_outcomes,
)
from schakel.domain.lead_times import lead_times, nearest_rank
from schakel.domain.periods import Period, PeriodKind, periods_between
from schakel.domain.suppression import COMPLEMENTARY, suppress
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Decision, Phase

M, Q, Y = PeriodKind.month, PeriodKind.quarter, PeriodKind.year
d = date
TG = TargetGroup
P = Phase

# --------------------------------------------------------------------------- periods


def test_from_date_end_and_labels() -> None:
    assert Period.from_date(M, d(2026, 1, 31)) == Period(M, d(2026, 1, 1))
    assert Period.from_date(Q, d(2026, 3, 31)) == Period(Q, d(2026, 1, 1))
    assert Period.from_date(Q, d(2026, 4, 1)) == Period(Q, d(2026, 4, 1))
    assert Period.from_date(Q, d(2026, 12, 31)) == Period(Q, d(2026, 10, 1))
    assert Period.from_date(Y, d(2026, 7, 4)) == Period(Y, d(2026, 1, 1))
    assert Period(Q, d(2026, 10, 1)).end == d(2027, 1, 1)
    assert Period(Y, d(2026, 1, 1)).end == d(2027, 1, 1)
    assert Period(M, d(2026, 1, 1)).label_nl == "januari 2026"
    assert Period(M, d(2025, 12, 1)).label_nl == "december 2025"
    assert Period(Q, d(2026, 1, 1)).label_nl == "Q1 2026"
    assert Period(Q, d(2025, 10, 1)).label_nl == "Q4 2025"
    assert Period(Y, d(2026, 1, 1)).label_nl == "2026"


def test_previous_and_next_cross_year_boundaries() -> None:
    assert Period(M, d(2026, 1, 1)).previous() == Period(M, d(2025, 12, 1))
    assert Period(M, d(2025, 12, 1)).next() == Period(M, d(2026, 1, 1))
    assert Period(Q, d(2026, 1, 1)).previous() == Period(Q, d(2025, 10, 1))
    assert Period(Q, d(2025, 10, 1)).next() == Period(Q, d(2026, 1, 1))
    assert Period(Y, d(2026, 1, 1)).previous() == Period(Y, d(2025, 1, 1))


def test_leap_years() -> None:
    assert Period(M, d(2024, 2, 1)).last_day == d(2024, 2, 29)
    assert Period(M, d(2023, 2, 1)).last_day == d(2023, 2, 28)
    assert Period(M, d(2100, 2, 1)).last_day == d(2100, 2, 28)  # not a leap year
    assert Period(M, d(2000, 2, 1)).last_day == d(2000, 2, 29)  # a leap year
    assert Period.from_date(M, d(2024, 2, 29)) == Period(M, d(2024, 2, 1))
    assert d(2024, 2, 29) in Period(Q, d(2024, 1, 1))
    assert Period(Q, d(2024, 1, 1)).end - Period(Q, d(2024, 1, 1)).start == timedelta(days=91)
    assert Period(Y, d(2024, 1, 1)).end - Period(Y, d(2024, 1, 1)).start == timedelta(days=366)


def test_contains_is_half_open() -> None:
    q1 = Period(Q, d(2026, 1, 1))
    assert d(2026, 1, 1) in q1
    assert d(2026, 3, 31) in q1
    assert d(2026, 4, 1) not in q1
    assert d(2025, 12, 31) not in q1
    assert None not in q1


@pytest.mark.parametrize(
    ("kind", "start"), [(M, d(2026, 1, 2)), (Q, d(2026, 2, 1)), (Y, d(2026, 4, 1))]
)
def test_misaligned_start_is_refused(kind: PeriodKind, start: date) -> None:
    with pytest.raises(ValueError, match="does not start"):
        Period(kind, start)


def test_periods_between() -> None:
    months = periods_between(M, d(2025, 11, 15), d(2026, 2, 1))
    assert [p.label_nl for p in months] == [
        "november 2025",
        "december 2025",
        "januari 2026",
        "februari 2026",
    ]
    assert [p.label_nl for p in periods_between(Q, d(2025, 12, 31), d(2026, 1, 1))] == [
        "Q4 2025",
        "Q1 2026",
    ]
    assert periods_between(Y, d(2026, 5, 1), d(2026, 5, 1)) == (Period(Y, d(2026, 1, 1)),)
    assert periods_between(M, d(2026, 2, 1), d(2026, 1, 31)) == ()


@given(st.sampled_from(list(PeriodKind)), st.dates(d(1900, 1, 1), d(2200, 12, 31)))
def test_period_properties(kind: PeriodKind, day: date) -> None:
    period = Period.from_date(kind, day)
    assert day in period
    assert period.last_day in period and period.end not in period
    assert period.next().previous() == period
    assert period.previous().end == period.start
    assert period.previous().last_day not in period


# --------------------------------------------------------------------------- the data set


def _h(*entries: tuple[Phase, date]) -> tuple[tuple[Phase, date], ...]:
    return entries


FACTS = (
    CaseFact(  # admitted in Q1, process direction by the house, now executing
        1, d(2026, 1, 5), TG.prolific_offenders, 1, 10, 100,
        d(2026, 1, 12), True, Decision.process_direction_house, d(2026, 2, 2),
        _h((P.referral, d(2026, 1, 5)), (P.triage, d(2026, 1, 6)), (P.preparation, d(2026, 1, 12)),
           (P.case_conference, d(2026, 1, 26)), (P.mdo, d(2026, 2, 2)),
           (P.execution, d(2026, 2, 10))),
        open_plan_actions=3, overdue_plan_actions=1,
    ),
    CaseFact(  # not admitted in Q1
        2, d(2026, 1, 20), TG.top_x, 1, 11, 100, d(2026, 1, 27), False,
        phase_history=_h((P.referral, d(2026, 1, 20)), (P.triage, d(2026, 1, 21)),
                         (P.not_admitted, d(2026, 1, 27))),
    ),
    CaseFact(  # referred in Q4 2025, scaled down in Q1, closed successfully in Q1
        3, d(2025, 11, 3), TG.youth_at_risk, 2, 10, 101,
        d(2025, 11, 10), True, Decision.scale_down, d(2026, 1, 8),
        _h((P.referral, d(2025, 11, 3)), (P.triage, d(2025, 11, 4)),
           (P.preparation, d(2025, 11, 10)), (P.case_conference, d(2025, 12, 1)),
           (P.closure, d(2026, 1, 8)), (P.closed, d(2026, 2, 15))),
        closed_on=d(2026, 2, 15), closed_successfully=True,
    ),
    CaseFact(  # referred and admitted in Q1, on the agenda at the end of Q1
        4, d(2026, 2, 14), TG.prolific_offenders, 2, 11, 101, d(2026, 3, 2), True,
        phase_history=_h((P.referral, d(2026, 2, 14)), (P.triage, d(2026, 2, 16)),
                         (P.preparation, d(2026, 3, 2)), (P.case_conference, d(2026, 3, 30))),
    ),
    CaseFact(  # referred on the last day of Q1; municipality not recorded
        5, d(2026, 3, 31), TG.prolific_offenders, None, 10, 100,
        phase_history=_h((P.referral, d(2026, 3, 31))),
    ),
    CaseFact(  # referred on the first day of Q2: outside Q1
        6, d(2026, 4, 1), TG.top_x, 1, 10, 100, phase_history=_h((P.referral, d(2026, 4, 1)))
    ),
    CaseFact(  # ISD in Q1, closed without success in Q1
        7, d(2025, 12, 15), TG.prolific_offenders, 1, 10, 100,
        d(2026, 1, 5), True, Decision.isd, d(2026, 1, 19),
        _h((P.referral, d(2025, 12, 15)), (P.triage, d(2025, 12, 16)),
           (P.preparation, d(2026, 1, 5)), (P.case_conference, d(2026, 1, 12)),
           (P.execution, d(2026, 1, 19)), (P.closure, d(2026, 3, 1)), (P.closed, d(2026, 3, 20))),
        closed_on=d(2026, 3, 20), closed_successfully=False,
    ),
    CaseFact(  # ZSM advice in 2025; back at the table (monitoring) in Q1
        8, d(2025, 10, 1), TG.complex_mental_health, 2, 11, 101,
        d(2025, 10, 10), True, Decision.zsm_advice, d(2025, 11, 3),
        _h((P.referral, d(2025, 10, 1)), (P.triage, d(2025, 10, 2)),
           (P.preparation, d(2025, 10, 10)), (P.case_conference, d(2025, 10, 20)),
           (P.execution, d(2025, 11, 3)), (P.case_conference, d(2026, 3, 16))),
        open_plan_actions=4, overdue_plan_actions=2,
    ),
)  # fmt: skip
Q1 = Period(Q, d(2026, 1, 1))
Q4 = Period(Q, d(2025, 10, 1))
MUNICIPALITIES = (1, 2, None)  # every key in FACTS, None ("Onbekend") last
GROUPS = (TG.prolific_offenders, TG.top_x, TG.youth_at_risk, TG.complex_mental_health)


def test_referrals_per_period() -> None:
    # Q4 2025: case 8 (mun 2), 3 (mun 2), 7 (mun 1). Q1 2026: 1, 2 (mun 1), 4 (mun 2), 5 (none).
    table = referrals(FACTS, [Q4, Q1], Dimension.municipality)
    assert table.columns == ("2025-10-01", "2026-01-01")
    assert table.column_labels == ("Q4 2025", "Q1 2026")
    assert table.rows == MUNICIPALITIES
    assert table.grid == ((1, 2, 3), (2, 1, 3), (0, 1, 1), (3, 4, 7))
    assert suppress(table).grid == (
        ("<5", "<5", "<5"),
        ("<5", "<5", "<5"),
        (0, "<5", "<5"),
        ("<5", "<5", 7),
    )


def test_triage_outcomes() -> None:
    # Decided in Q1: case 1, 4, 7 admitted (prolific), case 2 not admitted (Top X).
    table = triage_outcomes(FACTS, Q1, Dimension.target_group)
    assert table.rows == GROUPS
    assert table.grid == ((3, 0, 3), (0, 1, 1), (0, 0, 0), (0, 0, 0), (3, 1, 4))
    assert table.cell(TG.prolific_offenders, "admitted") == 3
    assert table.column_total("not_admitted") == 1
    assert table.total == 4


def test_decision_mix() -> None:
    # Q1: case 1 house (PD 100), 7 ISD (PD 100), 3 scale down (PD 101); case 8 was in 2025.
    table = decision_mix(FACTS, Q1, Dimension.process_director)
    assert table.rows == (100, 101)
    assert table.columns == tuple(decision.value for decision in Decision)
    assert table.column_labels[0] == "Afschalen"
    # columns: scale_down, elsewhere, house, isd, zsm_advice, total
    assert table.grid == ((0, 0, 1, 1, 0, 2), (1, 0, 0, 0, 0, 1), (1, 0, 1, 1, 0, 3))
    previous = decision_mix(FACTS, Q4, Dimension.process_director)
    assert previous.grid == ((0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 1, 1), (0, 0, 0, 0, 1, 1))


def test_cases_per_phase_at_the_end_of_the_period() -> None:
    # 31 March 2026: case 1 execution (mun 1), 4 and 8 (re-entered) case conference (mun 2),
    # 5 referral (none); 2 not admitted, 3 and 7 closed, 6 not referred yet.
    table = cases_per_phase(FACTS, Q1, Dimension.municipality)
    assert table.columns == tuple(phase.value for phase in OPEN_PHASES)
    # referral, triage, preparation, case_conference, mdo, execution, closure, total
    assert table.grid == (
        (0, 0, 0, 0, 0, 1, 0, 1),
        (0, 0, 0, 2, 0, 0, 0, 2),
        (1, 0, 0, 0, 0, 0, 0, 1),
        (1, 0, 0, 2, 0, 1, 0, 4),
    )
    # 31 December 2025: case 3 case conference (mun 2), 7 triage (mun 1), 8 execution (mun 2).
    assert cases_per_phase(FACTS, Q4, Dimension.municipality).grid[-1] == (0, 1, 0, 1, 0, 1, 0, 3)
    everything = cases_per_phase(FACTS, Q1, Dimension.target_group, phases=tuple(Phase))
    assert everything.column_total("closed") == 2
    assert everything.column_total("not_admitted") == 1
    assert everything.total == 7  # case 6 is not referred yet


def test_phase_on_and_entered() -> None:
    case8 = FACTS[7]
    assert case8.phase_on(d(2025, 9, 30)) is None
    assert case8.phase_on(d(2025, 10, 1)) is Phase.referral
    assert case8.phase_on(d(2026, 3, 15)) is Phase.execution
    assert case8.phase_on(d(2026, 3, 16)) is Phase.case_conference
    assert case8.entered(Phase.case_conference) == d(2025, 10, 20)  # the first entry
    assert case8.entered(Phase.mdo) is None
    assert CaseFact(9, d(2026, 1, 1)).entered(Phase.referral) == d(2026, 1, 1)


def test_closures_and_success_share() -> None:
    # Q1: case 3 successful (mun 2), case 7 not successful (mun 1).
    table = closures(FACTS, Q1, Dimension.municipality)
    assert table.grid == ((0, 1, 0, 1), (1, 0, 0, 1), (0, 0, 0, 0), (1, 1, 0, 2))
    shown = suppress(table)
    assert success_share(shown.column_total("successful"), shown.total) is None  # hidden
    assert success_share(6, 8) == 0.75
    assert success_share(0, 5) == 0.0
    assert success_share(0, 0) is None
    assert success_share(6, "x") is None


def test_plan_actions() -> None:
    # Case 1: 3 open, 1 overdue (PD 100); case 8: 4 open, 2 overdue (PD 101).
    table = plan_actions(FACTS, Dimension.process_director)
    assert table.grid == ((2, 1, 3), (2, 2, 4), (4, 3, 7))
    assert table.row_total(101) == 4  # open actions
    assert table.column_total("overdue") == 3
    assert suppress(table).grid == (("<5", "<5", "<5"), ("<5", "<5", "<5"), ("<5", "<5", 7))


def test_lead_times_from_referral_to_case_conference() -> None:
    # First conference entry in Q1: case 1 after 21 days, 7 after 28, 4 after 44 (all prolific).
    # Case 8's return to the table in March is not its first entry.
    small = lead_times(FACTS, Phase.referral, Phase.case_conference, Q1, Dimension.target_group)
    assert [row.cases for row in small.rows] == ["<5", 0, 0, 0]
    assert small.rows[0].median_days is None and small.total.median_days is None
    lowered = lead_times(
        FACTS, Phase.referral, Phase.case_conference, Q1, Dimension.target_group, threshold=3
    )
    prolific = lowered.rows[0]
    assert (prolific.row, prolific.cases, prolific.median_days, prolific.p90_days) == (
        TG.prolific_offenders,
        3,
        28,  # rank ceil(0.5 * 3) = 2 of [21, 28, 44]
        44,  # rank ceil(0.9 * 3) = 3
    )
    assert (lowered.total.cases, lowered.total.median_days, lowered.total.p90_days) == (3, 28, 44)


def test_lead_times_over_six_cases() -> None:
    days = [10, 3, 7, 30, 12, 5]  # sorted: 3 5 7 10 12 30
    facts = [
        CaseFact(
            key,
            d(2026, 1, 1),
            TG.top_x,
            phase_history=_h(
                (P.referral, d(2026, 1, 1)), (P.triage, d(2026, 1, 1) + timedelta(days=n))
            ),
        )
        for key, n in enumerate(days)
    ]
    result = lead_times(facts, Phase.referral, Phase.triage, Q1, Dimension.target_group)
    # median: rank ceil(3) = 3 -> 7; p90: rank ceil(5.4) = 6 -> 30
    assert (result.total.cases, result.total.median_days, result.total.p90_days) == (6, 7, 30)
    assert result.rows[0].median_days == 7


def test_nearest_rank() -> None:
    assert nearest_rank([4, 1, 3, 2], 50) == 2  # the lower middle value, not 2.5
    assert nearest_rank([1, 2, 3, 4, 5], 50) == 3
    assert nearest_rank(list(range(1, 11)), 90) == 9
    assert nearest_rank(list(range(1, 12)), 90) == 10  # ceil(9.9) = 10
    assert nearest_rank([7], 90) == 7
    assert nearest_rank([1, 2], 1) == 1
    assert nearest_rank([1, 2], 100) == 2
    with pytest.raises(ValueError, match="no values"):
        nearest_rank([], 50)
    with pytest.raises(ValueError, match="percentile"):
        nearest_rank([1], 0)


@given(st.lists(st.integers(0, 400), min_size=1, max_size=50), st.integers(1, 100))
def test_nearest_rank_is_an_observed_value_below_which_p_percent_lie(
    values: list[int], percentile: int
) -> None:
    result = nearest_rank(values, percentile)
    assert result in values
    assert sum(v <= result for v in values) * 100 >= percentile * len(values)
    assert sum(v < result for v in values) * 100 < percentile * len(values)


def test_change_against_the_previous_period() -> None:
    assert change(12, 8) is not None
    result = change(12, 8)
    assert result is not None and (result.absolute, result.relative) == (4, 0.5)
    dropped = change(0, 10)
    assert dropped is not None and (dropped.absolute, dropped.relative) == (-10, -1.0)
    new = change(7, 0)
    assert new is not None and (new.absolute, new.relative) == (7, None)
    assert change("<5", 7) is None
    assert change(7, "x") is None
    # From the data set: total referrals Q1 against Q4 (7 in all: 4 against 3, both hidden).
    table = suppress(referrals(FACTS, [Q4, Q1], Dimension.municipality))
    assert change(table.column_total("2026-01-01"), table.column_total("2025-10-01")) is None


def test_case_fact_checks() -> None:
    with pytest.raises(ValueError, match="admitted"):
        CaseFact(1, d(2026, 1, 1), admitted=True)
    with pytest.raises(ValueError, match="decision"):
        CaseFact(1, d(2026, 1, 1), decision=Decision.isd)
    with pytest.raises(ValueError, match="closed_successfully"):
        CaseFact(1, d(2026, 1, 1), closed_successfully=True)
    with pytest.raises(ValueError, match="overdue"):
        CaseFact(1, d(2026, 1, 1), open_plan_actions=1, overdue_plan_actions=2)
    with pytest.raises(ValueError, match="date order"):
        CaseFact(
            1, d(2026, 1, 1), phase_history=_h((P.triage, d(2026, 1, 2)), (P.mdo, d(2026, 1, 1)))
        )


# --------------------------------------------------------------------------- suppression


def _table(cells: list[list[int]]) -> tuple[tuple[Cell, ...], ...]:
    columns = [(f"c{i}", f"c{i}") for i in range(len(cells[0]))]
    return suppress(count_table(Dimension.municipality, columns, range(len(cells)), cells)).grid


def test_small_numbers_are_shown_as_less_than_five_and_zero_stays() -> None:
    assert _table([[5, 0], [7, 12]]) == ((5, 0, 5), (7, 12, 19), (12, 12, 24))
    assert _table([[4, 0], [0, 0]]) == (("<5", 0, "<5"), (0, 0, 0), ("<5", 0, "<5"))


def test_a_lone_suppressed_cell_gets_a_complement_in_its_row_and_column() -> None:
    # Row 0 hides 3 alone (33 - 10 - 20 would give 3): the next smallest, 10, goes too. Column 0
    # and column 1 then have one hidden cell each: 8 and 9 go as well.
    assert _table([[3, 10, 20], [8, 9, 12]]) == (
        ("<5", "x", 20, 33),
        ("x", "x", 12, 29),
        (11, 19, 32, 62),
    )


def test_a_complement_that_would_pin_the_small_cell_is_not_enough() -> None:
    # 1 + 5 = 26 - 20: a "<5" cell (1..4) and an "x" cell (>= 5) summing to 6 give away 1 and 5,
    # so 20 is hidden too.
    assert _table([[1, 5, 20]])[0] == ("<5", "x", "x", 26)


def test_small_cells_summing_to_their_minimum_get_a_complement() -> None:
    # Four "<5" cells with 14 - 10 = 4 left over can only be 1 each: 10 is hidden too.
    assert _table([[1, 1, 1, 1, 10]])[0] == ("<5", "<5", "<5", "<5", "x", 14)


def test_with_only_zeros_left_the_line_total_is_hidden() -> None:
    # Column 0 hides 3 alone, so 6 goes too; row 2 then has nothing but zeros to hide, so its
    # total 6 goes. The grand total 9 may stay: "<5" + "x" = 9 leaves 1..4 open.
    assert _table([[3, 0, 0], [0, 0, 0], [6, 0, 0]]) == (
        ("<5", 0, 0, "<5"),
        (0, 0, 0, 0),
        ("x", 0, 0, "x"),
        (9, 0, 0, 9),
    )


def test_suppress_keeps_the_labels_and_checks_the_threshold() -> None:
    table = triage_outcomes(FACTS, Q1, Dimension.target_group)
    shown = suppress(table, threshold=3)
    assert (shown.rows, shown.columns, shown.column_labels) == (
        table.rows,
        table.columns,
        table.column_labels,
    )
    # Threshold 3: the lone 1 is "<3"; 4 - 3 would give it away, so the 3 admitted go (and the
    # grand total, since "x" >= 3 and "<3" >= 1 add up to 4 only as 3 + 1).
    assert shown.grid == (
        ("x", 0, "x"),
        (0, "<3", "<3"),
        (0, 0, 0),
        (0, 0, 0),
        ("x", "<3", "x"),
    )
    assert shown.cell(TG.top_x, "not_admitted") == "<3"
    with pytest.raises(ValueError, match="threshold"):
        suppress(table, threshold=2)  # "<2" would say 1


def _lines(rows: int, columns: int) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    found = [([(r, c) for c in range(columns)], (r, columns)) for r in range(rows + 1)]
    found += [([(r, c) for r in range(rows)], (rows, c)) for c in range(columns + 1)]
    return found


tables = st.integers(1, 4).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 30)), min_size=width, max_size=width),
        min_size=1,
        max_size=4,
    )
)


@given(tables)
def test_suppressed_tables_never_show_one_to_four(cells: list[list[int]]) -> None:
    raw = count_table(Dimension.municipality, [(str(i), "") for i in range(len(cells[0]))],
                      range(len(cells)), cells).grid  # fmt: skip
    for raw_line, shown_line in zip(raw, _table(cells), strict=True):
        for value, shown in zip(raw_line, shown_line, strict=True):
            assert shown not in (1, 2, 3, 4)
            assert shown in (value, "<5", COMPLEMENTARY)  # a shown number is the true number
            assert (shown == "<5") == (0 < value < 5)
            if value == 0:
                assert shown == 0


@given(tables)
def test_a_visible_total_never_gives_a_hidden_cell_away(cells: list[list[int]]) -> None:
    """Per line with a visible total, every hidden cell has at least two possible values, for a
    reader who knows "<5" means 1..4 and "x" means at least 5 (brute force, not the module's
    interval arithmetic). In particular no such line has exactly one hidden cell."""
    raw = count_table(Dimension.municipality, [(str(i), "") for i in range(len(cells[0]))],
                      range(len(cells)), cells).grid  # fmt: skip
    shown = _table(cells)
    for line, (tr, tc) in _lines(len(cells), len(cells[0])):
        if isinstance(shown[tr][tc], str):
            continue
        hidden = [(r, c) for r, c in line if isinstance(shown[r][c], str)]
        assert len(hidden) != 1
        rest = raw[tr][tc] - sum(raw[r][c] for r, c in line if not isinstance(shown[r][c], str))
        options = [range(1, 5) if shown[r][c] == "<5" else range(5, rest + 1) for r, c in hidden]
        for index, (r, c) in enumerate(hidden):
            sums = {0}  # what the other hidden cells can add up to
            for other in options[:index] + options[index + 1 :]:
                sums = {a + b for a in sums for b in other if a + b <= rest}
            possible = {value for value in options[index] if rest - value in sums}
            assert raw[r][c] in possible
            assert len(possible) >= 2, (cells, shown, (r, c))
