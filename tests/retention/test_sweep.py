"""The sweep: every stage and edge, idempotence, the crash test and the manager's report (#8)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from schakel.accounts.models import User
from schakel.cases import services
from schakel.cases.models import (
    ActionPlan,
    Case,
    CaseParty,
    CaseSubject,
    PhaseTransition,
    ProgressNote,
    SearchKey,
    Subject,
    TriageAssessment,
)
from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.retention import Period as RetentionPeriod
from schakel.domain.workflow import Action
from schakel.parties.models import Party
from schakel.reports import selectors as report_selectors
from schakel.reports.aggregates import sql_report
from schakel.reports.figures import Report, build_report
from schakel.reports.models import CaseStatistic
from schakel.retention import sweep
from schakel.retention.models import DeletionReceipt, LegalHold, RetentionRuleSetting
from schakel.retention.sweep import SweepInterrupted, latest_start, run_sweep
from schakel.sharing.models import InformationItem, Release
from tests.cases.conftest import Walker, refer

pytestmark = pytest.mark.django_db

CanaryFactory = Callable[[list[str]], Case]


def later(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def run(days: int, **kw: object) -> sweep.SweepReport:
    with time_machine.travel(timezone.now() + timedelta(days=days), tick=False):
        return run_sweep(**kw)  # type: ignore[arg-type]


def hold(case: Case, user: User, until: date) -> LegalHold:
    return LegalHold.objects.create(
        case=case,
        reason="Inzageverzoek loopt.",
        until=until,
        placed_by=user,
        placed_at=timezone.now(),
    )


# --------------------------------------------------------------------------- the cutoff


@pytest.mark.parametrize(
    ("months", "days", "today", "expected"),
    [
        (6, 0, date(2026, 2, 28), date(2025, 8, 31)),  # 29-31 Aug clamp to 28 Feb
        (6, 0, date(2026, 3, 1), date(2025, 9, 1)),
        (24, 0, date(2026, 2, 28), date(2024, 2, 29)),  # leap day + 2 years = 28 Feb
        (0, 0, date(2026, 5, 17), date(2026, 5, 17)),
        (3, 10, date(2026, 1, 10), date(2025, 9, 30)),
    ],
)
def test_latest_start_is_the_last_day_whose_period_has_run_out(
    months: int, days: int, today: date, expected: date
) -> None:
    period = RetentionPeriod(months, days)
    assert latest_start(period, today) == expected
    assert period.after(expected) <= today < period.after(expected + timedelta(days=1))


# --------------------------------------------------------------------------- the stages


def test_content_goes_after_six_months_the_shell_stays(make_canary: CanaryFactory) -> None:
    markers: list[str] = []
    case = make_canary(markers)
    assert run(days=180).deleted == {}  # not yet: 6 calendar months have not passed
    report = run(days=186)
    assert report.deleted == {"closed_content": 1}
    shell = Case.objects.get(pk=case.pk)
    assert (shell.number, shell.phase, shell.closed_at) == (case.number, "closed", case.closed_at)
    assert shell.reason == shell.goal == shell.closure_reason == shell.handover_note == ""
    assert not InformationItem.objects.filter(case=case).exists()
    assert not Release.objects.exists() and not ProgressNote.objects.exists()
    assert not ActionPlan.objects.filter(case=case).exists()
    assert not TriageAssessment.objects.filter(case=case).exists()
    assert set(PhaseTransition.objects.filter(case=case).values_list("motivation", flat=True)) == {
        ""
    }
    assert set(CaseParty.objects.filter(case=case).values_list("justification", flat=True)) == {""}
    # The identity stays until the second stage (2 years).
    assert CaseSubject.objects.filter(case=case).count() == 1 and Subject.objects.count() == 1
    assert SearchKey.objects.filter(case=case).exists()  # the name stays searchable with it
    receipt = DeletionReceipt.objects.get(case_number=case.number)
    assert receipt.rule_code == "closed_content" and receipt.effect == "delete_content"
    assert receipt.classes["sharing.InformationItem"] == 1
    assert "Privacyprotocol art. 11" in receipt.legal_reference
    # Idempotent: a second run finds nothing to do; the receipt is not written twice.
    assert run(days=190).deleted == {}
    assert DeletionReceipt.objects.count() == 1
    # Then the identity, with its own receipt.
    assert run(days=2 * 366).deleted == {"closed_identity": 1}
    assert not Case.objects.filter(pk=case.pk).exists() and not Subject.objects.exists()
    assert not SearchKey.objects.exists()
    assert set(DeletionReceipt.objects.values_list("rule_code", flat=True)) == {
        "closed_content",
        "closed_identity",
    }


def test_not_admitted_referral_goes_after_three_months(
    walker: Walker, kees: User, house: dict[str, Party]
) -> None:
    case = walker.triage_done(walker.to_triage(refer(kees, house)))
    case = walker.step(case, Action.refuse_admission, motivation="Geen complexe casus.")
    open_case = walker.to_triage(refer(kees, house, reason="Een andere casus."))
    assert run(days=80).deleted == {}
    report = run(days=93)
    assert report.deleted == {"referral_not_admitted": 1}
    assert not Case.objects.filter(pk=case.pk).exists()
    assert Case.objects.filter(pk=open_case.pk).exists()  # open: never due
    receipt = DeletionReceipt.objects.get(case_number=case.number)
    assert receipt.effect == "delete_identity" and receipt.classes["cases.Case"] == 1


def test_a_person_in_another_open_case_keeps_their_identity(
    make_canary: CanaryFactory, kees: User, house: dict[str, Party]
) -> None:
    case = make_canary([])
    person = Subject.objects.get(case_links__case=case)
    other = refer(kees, house)  # a second person, and then the shared one joins
    CaseSubject.objects.create(case=other, subject=person, relation="family_member")
    run(days=2 * 366 + 1)
    assert not Case.objects.filter(pk=case.pk).exists()
    assert Subject.objects.filter(pk=person.pk).exists()  # still linked to the open case
    assert list(CaseSubject.objects.filter(subject=person).values_list("case_id", flat=True)) == [
        other.pk
    ]
    receipt = DeletionReceipt.objects.get(case_number=case.number, rule_code="closed_identity")
    assert "cases.Subject" not in receipt.classes
    assert receipt.classes["cases.CaseSubject"] == 1


def test_legal_hold_pauses_deletion_and_shows_in_the_report(
    make_canary: CanaryFactory, anouk: User
) -> None:
    case = make_canary([])
    hold(case, anouk, later(400))
    report = run(days=200)
    assert report.deleted == {}
    assert report.held == [(case.number, "closed_content", later(400))]
    assert InformationItem.objects.filter(case=case).exists()
    # The hold ends on its last day; the day after, the sweep catches up.
    assert run(days=401).deleted == {"closed_content": 1}


def test_lifted_hold_no_longer_pauses(make_canary: CanaryFactory, anouk: User) -> None:
    case = make_canary([])
    held = hold(case, anouk, later(400))
    held.lifted_at, held.lifted_by = timezone.now(), anouk
    held.save()
    assert run(days=200).deleted == {"closed_content": 1}


def test_dry_run_lists_and_deletes_nothing(make_canary: CanaryFactory) -> None:
    case = make_canary([])
    out = io.StringIO()
    with time_machine.travel(timezone.now() + timedelta(days=200), tick=False):
        call_command("retention_sweep", "--dry-run", stdout=out)
    assert case.number in out.getvalue() and "Inhoud van de casus" in out.getvalue()
    assert "1 verwijderingen zouden" in out.getvalue()
    assert InformationItem.objects.filter(case=case).exists()
    assert not DeletionReceipt.objects.exists()


def test_command_shows_progress_and_the_held_cases(make_canary: CanaryFactory, anouk: User) -> None:
    first, second = make_canary([]), make_canary([])
    hold(second, anouk, later(300))
    out = io.StringIO()
    with time_machine.travel(timezone.now() + timedelta(days=200), tick=False):
        call_command("retention_sweep", "--batch-size", "1", stdout=out)
    text = out.getvalue()
    assert "Inhoud van de casus: 1 van 1 casussen" in text
    assert (
        f"overgeslagen (bewaarblokkade tot en met {later(300):%d-%m-%Y}): {second.number}" in text
    )
    assert DeletionReceipt.objects.filter(case_number=first.number).exists()


def test_max_seconds_stops_between_batches_and_the_next_run_continues(
    make_canary: CanaryFactory,
) -> None:
    cases = [make_canary([]) for _ in range(2)]
    report = run(days=200, batch_size=1, max_seconds=0)
    assert report.stopped_early and report.deleted == {}
    assert run(days=200, batch_size=1).deleted == {"closed_content": 2}
    assert DeletionReceipt.objects.filter(case_number__in=[c.number for c in cases]).count() == 2


def test_command_refuses_bad_batch_size() -> None:
    with pytest.raises(CommandError):
        call_command("retention_sweep", "--batch-size", "0")


# --------------------------------------------------------------------------- the crash test


def test_crash_between_batches_leaves_a_consistent_database_and_a_rerun_finishes(
    make_canary: CanaryFactory,
) -> None:
    cases = [make_canary([]) for _ in range(3)]
    subjects_before = Subject.objects.count()

    def crash(report: sweep.SweepReport) -> None:
        if report.batches == 1:
            raise SweepInterrupted("killed")

    with pytest.raises(SweepInterrupted):
        run(days=2 * 366 + 1, batch_size=1, between_batches=crash)
    # Exactly one whole case went, with its receipt; the others are untouched.
    gone = [c for c in cases if not Case.objects.filter(pk=c.pk).exists()]
    assert len(gone) == 1
    assert DeletionReceipt.objects.get().case_number == gone[0].number
    assert Subject.objects.count() == subjects_before - 1
    assert not CaseSubject.objects.filter(case_id=gone[0].pk).exists()
    for case in cases:
        if case not in gone:
            assert InformationItem.objects.filter(case=case).exists()
    # No orphan: every subject still has a case, every statistic without a case is unlinked.
    assert not Subject.objects.filter(case_links__isnull=True).exists()
    live = set(Case.objects.values_list("pk", flat=True))
    assert (
        set(CaseStatistic.objects.exclude(case_ref=None).values_list("case_ref", flat=True)) <= live
    )
    report = run(days=2 * 366 + 1, batch_size=1)
    assert report.deleted == {"closed_identity": 2}
    assert not Case.objects.exists() and not Subject.objects.exists()
    assert DeletionReceipt.objects.count() == 3


def test_failure_inside_a_batch_rolls_the_whole_batch_back(
    make_canary: CanaryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_canary([])

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(sweep, "retention_batch_deleted", broken)  # the last write of a batch
    with pytest.raises(RuntimeError):
        run(days=2 * 366 + 1)
    assert Case.objects.filter(pk=case.pk).exists()
    assert InformationItem.objects.filter(case=case).exists()
    assert not DeletionReceipt.objects.exists()
    assert CaseStatistic.objects.filter(case_ref=case.pk).exists()


# --------------------------------------------------------------------------- issue 8


def test_the_managers_report_is_identical_before_and_after_a_sweep(
    make_canary: CanaryFactory, walker: Walker, kees: User, house: dict[str, Party]
) -> None:
    for _ in range(3):
        make_canary([])
    refused = walker.triage_done(walker.to_triage(refer(kees, house)))
    walker.step(refused, Action.refuse_admission, motivation="Geen complexe casus.")
    walker.to_mdo(refer(kees, house))  # open cases, untouched by the sweep
    walker.to_triage(refer(kees, house))
    year = Period(PeriodKind.year, date(timezone.localdate().year, 1, 1))
    with time_machine.travel(timezone.now() + timedelta(days=2 * 366 + 1), tick=False):

        def reports() -> list[Report]:
            facts = list(report_selectors.case_facts())
            return [build_report(facts, year, by) for by in Dimension] + [
                sql_report(year, by) for by in Dimension
            ]

        before = reports()
        assert before[0].headlines[0].current == 6
        assert run_sweep().deleted == {"closed_identity": 3, "referral_not_admitted": 1}
        assert Case.objects.count() == 2
        assert reports() == before


# --------------------------------------------------------------------------- the schedule


def test_house_schedule_from_settings_and_screen(
    make_canary: CanaryFactory, settings: object, pieter: User
) -> None:
    settings.SCHAKEL_RETENTION_SCHEDULE = {"closed_content": {"months": 1}}  # type: ignore[attr-defined]
    make_canary([])
    assert run(days=40).deleted == {"closed_content": 1}
    RetentionRuleSetting.objects.create(
        code="closed_identity",
        months=3,
        legal_reference="Privacyprotocol art. 11 lid 3",
        description_nl="Korter.",
        changed_by=pieter,
        changed_at=timezone.now(),
    )
    report = run(days=100)
    assert report.deleted == {"closed_identity": 1}
    receipt = DeletionReceipt.objects.get(rule_code="closed_identity")
    assert receipt.legal_reference == "Privacyprotocol art. 11 lid 3"


def test_an_invalid_schedule_never_deletes(make_canary: CanaryFactory, settings: object) -> None:
    # Identity before content: refused, and the command says why.
    settings.SCHAKEL_RETENTION_SCHEDULE = {"closed_identity": {"months": 1}}  # type: ignore[attr-defined]
    case = make_canary([])
    with pytest.raises(ValueError, match="Ongeldig bewaarschema"):
        run(days=800)
    with pytest.raises(CommandError, match="identiteit"):
        call_command("retention_sweep")
    assert Case.objects.filter(pk=case.pk).exists()


def test_services_case_refer_still_works_after_a_sweep(
    make_canary: CanaryFactory, kees: User, house: dict[str, Party]
) -> None:
    """Deleting a case does not free its number: a new referral gets a new one."""
    case = make_canary([])
    run(days=2 * 366 + 1)
    new = refer(kees, house, subjects=[services.SubjectInput("A", "B", date(1990, 1, 1))])
    assert new.number != case.number


# The worker closes and reopens database connections, as it would in its own process, so the
# test cannot run inside the usual rolled-back transaction.
@pytest.mark.django_db(transaction=True)
def test_the_sweep_runs_as_a_task_from_the_database_queue(make_canary: CanaryFactory) -> None:
    from django_tasks_db.models import DBTaskResult

    case = make_canary([])
    out = io.StringIO()
    call_command("retention_sweep", "--enqueue", stdout=out)
    assert "In de wachtrij gezet" in out.getvalue()
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and InformationItem.objects.filter(case=case).exists()
    with time_machine.travel(timezone.now() + timedelta(days=200), tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback
    assert queued.return_value["cases"] == 1
    assert not InformationItem.objects.filter(case=case).exists()
    assert DeletionReceipt.objects.filter(case_number=case.number).exists()
