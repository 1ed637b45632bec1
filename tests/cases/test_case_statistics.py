"""Every phase change keeps the anonymous figures current (Art. 11.3e)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from schakel.cases.models import Case
from schakel.cases.statistics import record_statistics
from schakel.reports.models import CaseStatistic

pytestmark = pytest.mark.django_db


def test_demo_journey_leaves_consistent_statistics() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    cases = Case.objects.all()
    assert cases.exists()
    rows = {row.case_ref: row for row in CaseStatistic.objects.filter(case_ref__isnull=False)}
    for case in cases:
        if not case.transitions.exists():
            continue  # still a referral: no phase change yet
        row = rows[case.pk]
        assert row.phase_history[-1][0] == case.phase
        assert row.target_group == case.target_group
        assert row.municipality_id == case.municipality_id
        if case.phase == "not_admitted":
            assert row.admitted is False and row.triage_decided_on is not None
        if case.phase == "closed":
            assert row.closed_on == timezone.localdate(case.closed_at)
        assert 0 <= row.overdue_actions <= row.open_actions


def test_statistic_holds_no_personal_data() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    case = Case.objects.exclude(transitions=None).first()
    record_statistics(case)
    row = CaseStatistic.objects.get(case_ref=case.pk)
    values = " ".join(
        str(v) for v in CaseStatistic.objects.filter(pk=row.pk).values().get().values()
    )
    for subject in case.case_subjects.select_related("subject"):
        assert subject.subject.last_name not in values
        assert str(subject.subject.date_of_birth) not in values
    assert case.number not in values
