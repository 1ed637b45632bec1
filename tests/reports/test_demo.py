"""The demo's management information: fictional, deterministic, idempotent, and plausible."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.reports import selectors
from schakel.reports.figures import build_report
from schakel.reports.models import BudgetLine, BudgetYear, CaseStatistic, Expenditure

pytestmark = pytest.mark.django_db


def test_demo_statistics_and_budget(settings) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CaseStatistic.objects.filter(case_ref__lt=0).count() == 200
    years = set(BudgetYear.objects.values_list("year", flat=True))
    assert date.today().year in years and len(years) == 2
    stats, lines, spent = (
        CaseStatistic.objects.count(),
        BudgetLine.objects.count(),
        Expenditure.objects.count(),
    )
    keys = set(CaseStatistic.objects.values_list("key", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        CaseStatistic.objects.count(),
        BudgetLine.objects.count(),
        Expenditure.objects.count(),
    ) == (stats, lines, spent)
    assert set(CaseStatistic.objects.values_list("key", flat=True)) == keys
    facts = list(selectors.case_facts())  # every row is a valid fact
    year = Period(PeriodKind.year, date(date.today().year - 1, 1, 1))
    report = build_report(facts, year, Dimension.municipality)
    assert isinstance(report.headlines[0].current, int) and report.headlines[0].current >= 5
