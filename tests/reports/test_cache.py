"""The report is counted once per version of the figures, and every change to the statistics
makes the next report count again (reports/cache.py, issue 9)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.workflow import Phase
from schakel.reports.aggregates import SqlCounts, sql_report
from schakel.reports.cache import figures_version
from schakel.reports.counts import rebuild_counts
from schakel.reports.figures import build_report_from
from schakel.reports.services import case_statistic_record

pytestmark = pytest.mark.django_db

Q1 = Period.from_date(PeriodKind.quarter, date(2026, 1, 1))
BY = Dimension.municipality


def _counted_now() -> object:
    return build_report_from(SqlCounts(Q1, BY), Q1, BY, targets={})


def _one_more_case(house, ref: int = 90_001) -> None:
    case_statistic_record(
        case_ref=ref,
        referred_on=date(2026, 2, 3),
        municipality_id=house["zwolle"].pk,
        phase_history=[(Phase.triage, date(2026, 2, 4))],
    )


def test_the_same_report_again_reads_only_the_version(fixed_stats, django_assert_num_queries):
    first = sql_report(Q1, BY)
    with django_assert_num_queries(1):
        again = sql_report(Q1, BY)
    assert again == first == _counted_now()


def test_a_changed_statistic_is_in_the_next_report(house, fixed_stats) -> None:
    before = sql_report(Q1, BY)
    version = figures_version()
    _one_more_case(house)
    assert figures_version() not in {version, ""}
    after = sql_report(Q1, BY)
    assert after == _counted_now()
    assert after != before
    referrals = {h.code: h.current for h in after.headlines}["referrals"]
    assert referrals == {h.code: h.current for h in before.headlines}["referrals"] + 1  # type: ignore[operator]


def test_a_rolled_back_change_leaves_the_version(house, fixed_stats) -> None:
    version = figures_version()

    def failing_change() -> None:
        with transaction.atomic():
            _one_more_case(house)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_change()
    assert figures_version() == version


def test_rebuilding_the_counts_counts_the_report_again(fixed_stats) -> None:
    version = figures_version()
    rebuild_counts()
    assert figures_version() not in {version, ""}


def test_period_breakdown_and_targets_are_part_of_the_key(fixed_stats) -> None:
    by_group = sql_report(Q1, Dimension.target_group)
    assert by_group.by is Dimension.target_group
    assert sql_report(Q1, BY).by is BY
    with_target = sql_report(Q1, BY, targets={"referrals": 5})
    assert [t.target for t in with_target.targets] == [5]
    assert sql_report(Q1, BY).targets == []
    march = Period.from_date(PeriodKind.month, date(2026, 3, 1))
    assert sql_report(march, BY).period == march
