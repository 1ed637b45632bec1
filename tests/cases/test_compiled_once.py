"""`core.sql.compiled_once` gives the rows the ORM gives, on both databases (issue #9: the
case page's own lists are compiled once, then run as SQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, QuerySet
from django.test.utils import CaptureQueriesContext

from schakel.accounts.selectors import actor_for
from schakel.cases import row_selectors, services
from schakel.cases.models import Case, CaseEvent, PlanAction, ProgressNote
from schakel.core.sql import PROBE, compiled_once
from tests.cases.conftest import CTX, refer

pytestmark = pytest.mark.django_db

_LISTS = [
    (row_selectors.plans_of, "plans"),
    (row_selectors.consultations_of, "consultations"),
    (row_selectors.actions_of, "actions"),
    (row_selectors.notes_of, "notes"),
    (row_selectors.transitions_of, "transitions"),
    (row_selectors.events_of, "events"),
    (row_selectors.assessments_of, "assessments"),
]


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    fields = type(a)._meta.concrete_fields  # type: ignore[attr-defined]
    for f in fields:  # every column, converted as the ORM converts it (dates, JSON, secrets)
        assert getattr(a, f.attname) == getattr(b, f.attname), f.attname


def test_a_case_pages_lists_equal_the_orms(walker, kees, rik, anouk, house) -> None:
    busy = walker.to_execution(refer(kees, house), rik)
    for text in ("Eerste gesprek gevoerd.", "Woonplek bezichtigd."):
        services.progress_note_add(actor=actor_for(anouk), ctx=CTX, case_id=busy.pk, text=text)
    quiet = refer(kees, house)
    for case in (busy, quiet, busy):  # the second call of each reuses the compiled SQL
        for read, name in _LISTS:
            build = read.__wrapped__  # type: ignore[attr-defined]
            expected = list(build(case.pk))
            got = read(case.pk)
            assert [r.pk for r in got] == [r.pk for r in expected], name
            for a, b in zip(got, expected, strict=True):
                _same(a, b)
    assert row_selectors.events_of(busy.pk) and row_selectors.plans_of(busy.pk)
    assert len(row_selectors.notes_of(busy.pk)) == 2 and row_selectors.actions_of(busy.pk)
    assert row_selectors.notes_of(busy.pk)[0].text == "Woonplek bezichtigd."  # decrypted, newest
    assert row_selectors.notes_of(quiet.pk) == [] and row_selectors.plans_of(quiet.pk) == []


def test_the_sql_is_compiled_once(walker, kees, rik, house) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    row_selectors.actions_of(case.pk)
    with CaptureQueriesContext(connection) as first:
        row_selectors.actions_of(case.pk)
    with CaptureQueriesContext(connection) as again:
        row_selectors.actions_of(987_654)
    assert len(first) == len(again) == 1
    assert first[0]["sql"].replace(str(case.pk), "?") == again[0]["sql"].replace("987654", "?")
    assert str(PROBE) not in first[0]["sql"]


def test_it_refuses_what_raw_rows_cannot_rebuild(kees, house) -> None:
    @compiled_once
    def joined(case_id: int) -> QuerySet[PlanAction]:
        return PlanAction.objects.filter(case_id=case_id).select_related("owner")

    @compiled_once
    def counted(case_id: int) -> QuerySet[Case]:
        return Case.objects.filter(pk=case_id).annotate(n=Count("parties"))

    @compiled_once
    def no_id(case_id: int) -> QuerySet[ProgressNote]:
        return ProgressNote.objects.filter(case_id=7)

    for read in (joined, counted, no_id):
        with pytest.raises(TypeError):
            read(1)
    with pytest.raises(TypeError):  # None would compile to IS NULL in the ORM
        row_selectors.events_of(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        row_selectors.events_of("1")  # type: ignore[arg-type]
    assert row_selectors.events_of(2**70) == [] == row_selectors._case_by_id(-(2**64))  # as the ORM


def test_a_slice_and_a_constant_stay_in_the_statement(walker, kees, rik, house) -> None:
    case = walker.to_closed(refer(kees, house), rik)

    @compiled_once
    def two_newest(case_id: int) -> QuerySet[CaseEvent]:
        return CaseEvent.objects.filter(case_id=case_id, kind="note")[:2]

    expected = list(CaseEvent.objects.filter(case_id=case.pk, kind="note")[:2])
    assert [e.pk for e in two_newest(case.pk)] == [e.pk for e in expected]


def test_a_case_read_keeps_its_links_as_prefetch_related_would(
    walker, kees, rik, house, django_assert_num_queries
) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    expected = Case.objects.prefetch_related("parties", "case_subjects__subject").get(pk=case.pk)
    with django_assert_num_queries(4):  # the case, its involvements, links and subjects
        got = row_selectors.case_with_links(case.pk)
    assert got is not None
    with django_assert_num_queries(0):
        parties = [(p.pk, p.party_id, p.relation, p.case is got) for p in got.parties.all()]
        links = [(s.pk, s.subject.last_name, s.case is got) for s in got.case_subjects.all()]
    assert parties == [(p.pk, p.party_id, p.relation, True) for p in expected.parties.all()]
    assert links == [(s.pk, s.subject.last_name, True) for s in expected.case_subjects.all()]
    _same(got, expected)
    assert row_selectors.case_with_links(987_654) is None
    with django_assert_num_queries(3):  # without the people: no subjects read
        bare = row_selectors.case_with_links(case.pk, people=False)
    assert bare is not None and len(bare.case_subjects.all()) == len(links)


def test_rows_by_id_equal_in_bulk_for_every_size(house) -> None:
    """`rows_by_id` pads an id list to its size's statement; the rows are in_bulk's, for lists
    of every size (and past the largest, in_bulk itself), with missing and impossible ids."""
    from schakel.core.sql import rows_by_id
    from schakel.parties.models import Party

    for n in range(3, 90):
        Party.objects.create(name=f"Partij {n}", slug=f"partij-{n}", kind="municipality")
    every = sorted(Party.objects.values_list("pk", flat=True))
    assert len(every) > 70
    for size in (0, 1, 2, 3, 5, 8, 9, 16, 31, 64, 65, len(every)):
        wanted = set(every[:size]) | {max(every) + 1000, 2**70}
        ours = rows_by_id(Party, wanted)
        theirs = Party.objects.in_bulk(every[:size])
        assert ours.keys() == theirs.keys(), size
        for pk, row in ours.items():
            _same(row, theirs[pk])


def test_rows_by_id_compiles_once_per_size(house) -> None:
    from schakel.core.sql import _by_ids_statement, rows_by_id
    from schakel.parties.models import Party

    ids = list(Party.objects.values_list("pk", flat=True)[:3])
    rows_by_id(Party, set(ids))
    compiled = _by_ids_statement.cache_info().currsize
    with CaptureQueriesContext(connection) as seen:
        assert rows_by_id(Party, set(ids[:1])).keys() == {ids[0]}
        assert rows_by_id(Party, set(ids)).keys() == set(ids)
    assert _by_ids_statement.cache_info().currsize <= compiled + 1  # size 1 may be new
    assert len(seen) == 2
