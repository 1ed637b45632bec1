"""`core.sql.fetch` on PostgreSQL: the statements compiled once are prepared on the server from
their second run on a connection, the ORM's own queries never are, the setting turns it off,
and the query log still sees every run (issue #9; docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from schakel.core.sql import PREPARE_FROM_RUN, compiled_once, prepare_on
from schakel.core.statements import per_shape
from schakel.parties.models import Party

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


@compiled_once
def party_row(pk: int) -> QuerySet[Party]:
    return Party.objects.filter(pk=pk)


@per_shape()
def slugs_of_kind(kind: str) -> QuerySet[Party, Any]:
    return Party.objects.filter(kind=kind).order_by("slug").values_list("slug", flat=True)


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time")
        return [row[0] for row in cursor.fetchall()]


def _new(before: list[str]) -> list[str]:
    return [s for s in _prepared() if s not in before]


@pytest.fixture
def raw_connection() -> Iterator[Any]:
    """The tests' psycopg connection, its preparing settings put back afterwards."""
    connection.ensure_connection()
    raw = connection.connection
    kept = raw.prepare_threshold, raw.prepared_max
    yield raw
    raw.prepare_threshold, raw.prepared_max = kept


@pytest.fixture
def preparing(settings: Any, raw_connection: Any) -> None:
    """This connection as `prepare_on` leaves a new one (the tests' connection may be older)."""
    settings.SCHAKEL_PREPARE_STATEMENTS = True
    prepare_on(connection)


def test_a_compiled_statement_is_prepared_from_its_second_run(house, preparing) -> None:
    police = house["police"]
    before = _prepared()
    for run in range(1, PREPARE_FROM_RUN):
        assert party_row(police.pk) == [police]
        assert _new(before) == [], f"prepared after run {run}"
    for _ in range(3):
        assert party_row(police.pk) == [police]
        assert party_row(house["ggz"].pk) == [house["ggz"]]  # other values, the same statement
        assert party_row(-1) == []
    new = _new(before)
    assert len(new) == 1 and '"parties_party"' in new[0] and "$1" in new[0]


def test_a_statement_per_shape_is_prepared_and_gives_the_orms_rows(house, preparing) -> None:
    before = _prepared()
    for _ in range(PREPARE_FROM_RUN + 2):
        for kind in ("partner", "municipality", "no such kind"):
            got = slugs_of_kind(kind)
            assert got == list(slugs_of_kind.build(kind))
    assert slugs_of_kind("partner") != []
    assert len(_new(before)) == 1


def test_the_orms_own_queries_are_never_prepared(house, preparing) -> None:
    factory = connection.connection.cursor_factory
    before = _prepared()
    for _ in range(PREPARE_FROM_RUN + 3):
        assert Party.objects.filter(pk=house["police"].pk).get() == house["police"]
        party_row(house["ggz"].pk)  # a prepared statement between them leaves the ORM's cursor
    assert connection.connection.cursor_factory is factory
    assert len(_new(before)) == 1  # party_row's, not the ORM's


def test_the_query_log_sees_every_run(house, preparing) -> None:
    police = house["police"]
    with CaptureQueriesContext(connection) as queries:
        for _ in range(PREPARE_FROM_RUN + 2):
            party_row(police.pk)
    assert len(queries) == PREPARE_FROM_RUN + 2
    assert all('"parties_party"' in q["sql"] and str(police.pk) in q["sql"] for q in queries)


def test_turned_off_nothing_is_prepared(house, settings, raw_connection) -> None:
    settings.SCHAKEL_PREPARE_STATEMENTS = False
    raw_connection.prepare_threshold = None  # as Django opens a connection
    prepare_on(connection)
    assert raw_connection.prepare_threshold is None
    before = _prepared()
    for _ in range(PREPARE_FROM_RUN + 3):
        assert party_row(house["police"].pk) == [house["police"]]
    assert _new(before) == []
