"""``generate_data`` builds a consistent house: visible cases, phases that match their history,
statistics per case, a valid audit chain; and running it twice duplicates no one."""

from __future__ import annotations

import io
import itertools
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit import record
from schakel.audit.models import AuditEvent
from schakel.audit.record import AuditContext
from schakel.audit.selectors import audit_chain_verify
from schakel.cases import selectors
from schakel.cases.list_selectors import case_list_for
from schakel.cases.models import (
    Case,
    CaseParty,
    CaseSubject,
    PhaseTransition,
    PlanAction,
    ProgressNote,
    SearchKey,
    Subject,
)
from schakel.cases.services.search_keys import search_keys_drift
from schakel.demo import generate_extras
from schakel.demo.generate import (
    Progress,
    ensure_users,
    generate_audit,
    indexes_built_after_load,
    next_id,
)
from schakel.domain.bsn import is_demo_bsn
from schakel.domain.workflow import Phase
from schakel.meetings.models import AgendaItem, Meeting
from schakel.reports.counts import rebuild_counts
from schakel.reports.models import CaseStatistic, MonthlyCount, PhaseSpan
from schakel.sharing.models import InformationItem, Release

pytestmark = pytest.mark.django_db

CASES, EVENTS = 200, 2_000
PAST_MDO = {Phase.execution, Phase.closure, Phase.closed}


def generate(cases: int = CASES, events: int = EVENTS) -> None:
    call_command(
        "generate_data",
        cases=cases,
        audit_events=events,
        batch_size=64,
        seed=9,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def test_the_generated_house_is_consistent() -> None:
    generate()
    cases = list(Case.objects.all())  # the demo's own cases and the generated ones
    assert len([c for c in cases if "fictief" in c.reason]) == CASES
    phases = {c.phase for c in cases}
    assert phases >= {Phase.referral, Phase.triage, Phase.execution, Phase.closed}
    history: dict[int, list[PhaseTransition]] = {}
    for row in PhaseTransition.objects.order_by("occurred_at", "id"):
        history.setdefault(row.case_id, []).append(row)
    for case in cases:
        steps = history.get(case.pk, [])
        # The phase is where the history ends, and every step starts where the last one ended.
        assert (steps[-1].to_phase if steps else Phase.referral) == case.phase, case.number
        assert not steps or steps[0].from_phase == Phase.referral
        for before, after in itertools.pairwise(steps):
            assert before.to_phase == after.from_phase
        if case.phase in PAST_MDO and "fictief" in case.reason:
            assert PlanAction.objects.filter(case=case).exists()
        assert CaseSubject.objects.filter(case=case).exists()
    assert CaseStatistic.objects.filter(case_ref__in=[c.pk for c in cases]).count() >= CASES
    bsns = [b for b in Subject.objects.values_list("bsn", flat=True) if b]
    assert bsns and all(is_demo_bsn(b) for b in bsns)
    # The search keys of the demo's cases (made by the services) and of the generated ones
    # (made per batch) are what the involvements and subjects imply.
    assert SearchKey.objects.count() > CASES and search_keys_drift() == (0, 0)


def test_every_case_is_visible_to_its_process_director_and_involved_delegates() -> None:
    generate(cases=60, events=100)
    ctx = AuditContext.system()
    for case in Case.objects.exclude(process_director=None).select_related("process_director"):
        actor = actor_for(case.process_director)  # type: ignore[arg-type]
        assert selectors.case_get_for(actor=actor, case_id=case.pk, ctx=ctx) is not None
    delegate = User.objects.get(username="gen-politie-oost-nederland-0")
    actor = actor_for(delegate)
    page = case_list_for(actor=actor, ctx=ctx, limit=10)
    for case in page.items:
        assert CaseParty.objects.filter(
            case_id=case.pk, party=delegate.party, removed_at=None
        ).exists()


def test_the_audit_chain_is_valid_and_appending_continues_it() -> None:
    generate(cases=20)
    checked, broken = audit_chain_verify(batch_size=500)
    assert broken is None and checked >= EVENTS
    call_command("audit_verify", stdout=io.StringIO())
    # The sequences follow the explicit ids: a normal append and a new subject still work.
    user = User.objects.get(username="gen-pr-00")
    with transaction.atomic():
        event = record.record_read(
            AuditContext.system(),
            actor=actor_for(user),
            object_type="case",
            object_id=1,
            purpose="test",
        )
    assert event.pk == AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0]
    Subject.objects.create(first_name="Test", last_name="Persoon", date_of_birth="1980-01-01")
    assert audit_chain_verify()[1] is None


def _audit_index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [AuditEvent._meta.db_table],
        )
        return dict(cursor.fetchall())


@pytest.mark.postgres_only
def test_a_large_audit_load_builds_the_indexes_afterwards_as_the_migrations_made_them() -> None:
    generate(cases=20, events=0)
    before = _audit_index_definitions()
    assert {"audit_subject_idx", "audit_user_idx", "audit_time_idx"} <= set(before)
    house = ensure_users()
    progress = Progress(out=io.StringIO())
    cases = (1, next_id(Case))
    subjects = (1, next_id(Subject))
    generate_audit(
        3_000, house, progress, subjects=subjects, case_ids=cases, defer_indexes=True,
        batch_size=1_000,
    )  # fmt: skip
    assert _audit_index_definitions() == before
    assert "3 indexes of" in progress.out.getvalue()  # type: ignore[attr-defined]
    assert audit_chain_verify(batch_size=1_000)[1] is None
    # The pseudonym index answers the access log again.
    pseudonym = AuditEvent.objects.exclude(subject_pseudonym="").values_list(
        "subject_pseudonym", flat=True
    )[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM audit_auditevent WHERE subject_pseudonym = %s", [pseudonym]
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "audit_subject_idx" in plan


@pytest.mark.postgres_only
def test_an_interrupted_load_still_leaves_the_indexes_in_place() -> None:
    generate(cases=5, events=0)
    before = _audit_index_definitions()
    dropped_while_loading: list[str] = []

    def interrupted_load() -> None:
        with indexes_built_after_load(AuditEvent, Progress(out=io.StringIO()), defer=True):
            dropped_while_loading.extend(set(before) - set(_audit_index_definitions()))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_load()
    assert len(dropped_while_loading) == 3
    assert _audit_index_definitions() == before


def test_running_twice_adds_cases_but_no_users() -> None:
    generate(cases=30, events=50)
    users = User.objects.count()
    cases = Case.objects.count()
    generate(cases=30, events=50)
    assert User.objects.count() == users
    assert Case.objects.count() == cases + 30
    assert Case.objects.values("number").distinct().count() == Case.objects.count()
    assert audit_chain_verify()[1] is None


def test_refuses_production(settings: object) -> None:
    settings.PRODUCTION = True  # type: ignore[attr-defined]
    with pytest.raises(CommandError):
        generate(cases=1, events=1)


def test_items_releases_notes_and_meetings_are_consistent() -> None:
    """Items decrypt to their fictional text, releases go to the case's invited parties, the
    conference agenda holds the cases that reached the table, and the report's derived
    tables agree with a rebuild from the statistics."""
    generate(cases=120, events=50)
    items = list(InformationItem.objects.filter(case__reason__contains="fictief"))
    assert items and all("fictief" in item.content for item in items)
    for release in Release.objects.select_related("item"):
        assert CaseParty.objects.filter(
            case_id=release.item.case_id, party_id=release.recipient_party_id, relation="invited"
        ).exists()
    assert ProgressNote.objects.exists()
    agenda = list(
        AgendaItem.objects.filter(case__reason__contains="fictief").select_related("case")
    )
    assert agenda
    for entry in agenda:
        assert PhaseTransition.objects.filter(
            case=entry.case, action="schedule_conference"
        ).exists()
    kept = sorted(MonthlyCount.objects.values_list("month", "dimension", "key", "measure", "n"))
    rebuild_counts()
    rebuilt = MonthlyCount.objects.values_list("month", "dimension", "key", "measure", "n")
    assert sorted(rebuilt) == [row for row in kept if row[4]]
    assert PhaseSpan.objects.exists()


def test_a_busy_week_gets_more_tables_none_over_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """One table a week for the whole house put thousands of cases on one agenda at scale."""
    monkeypatch.setattr(generate_extras, "ITEMS_PER_TABLE", 3)
    # The generator spreads cases back from "now"; which weeks are busy depends on where the
    # week boundaries fall, so the clock is fixed for a house that has them.
    with time_machine.travel(datetime(2026, 12, 6, 12, 0, tzinfo=UTC)):
        generate(cases=120, events=0)
    rows = AgendaItem.objects.filter(case__reason__contains="fictief").order_by("position")
    positions: dict[int, list[int]] = {}
    for meeting_id, position in rows.values_list("meeting_id", "position"):
        positions.setdefault(meeting_id, []).append(position)
    assert max(map(len, positions.values())) == 3
    assert all(found == list(range(1, len(found) + 1)) for found in positions.values())
    titles = Meeting.objects.filter(pk__in=positions).values_list("title", flat=True)
    assert any(title.endswith(", tafel 2") for title in titles)
