"""`core.statements.per_shape`: the rows the ORM gives, with the SQL compiled once per shape,
on both databases; what it cannot bind safely it leaves to the ORM; and the tests' check
(SCHAKEL_VERIFY_STATEMENTS) fails when a stored statement is not the ORM's (issue #9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.models import Count, QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schakel.core.statements import distinct_ids, per_shape
from schakel.parties.models import Party

pytestmark = pytest.mark.django_db

_BUILDS: list[str] = []


@dataclass(frozen=True)
class Wanted:
    kind: str | None
    ids: list[int]
    after: datetime | None = None


def _parties(wanted: Wanted, name: str) -> QuerySet[Party, Any]:
    _BUILDS.append(name)
    qs = Party.objects.all()
    if wanted.kind:
        qs = qs.filter(kind=wanted.kind)
    if wanted.ids:
        qs = qs.filter(pk__in=wanted.ids)
    if wanted.after:
        qs = qs.filter(created_at__gt=wanted.after)
    return qs.exclude(name=name).order_by("name")


@per_shape(shape=("limit",))
def slugs(wanted: Wanted, name: str, *, limit: int) -> QuerySet[Party, Any]:
    return _parties(wanted, name).values_list("pk", "slug", "created_at")[:limit]


@per_shape()
def names(wanted: Wanted, name: str) -> QuerySet[Party, Any]:
    return _parties(wanted, name).values("name", "kind")


@per_shape()
def kind_counts(after: datetime) -> QuerySet[Party, Any]:
    return Party.objects.filter(created_at__gt=after).values_list("kind").annotate(n=Count("id"))


def _orm(build: Any, *args: Any, **kwargs: Any) -> list[Any]:
    return list(build.build(*args, **kwargs))


def test_rows_equal_the_orms_for_every_shape(house) -> None:
    ids = [p.pk for p in house.values()]
    long_ago = datetime(2000, 1, 1, tzinfo=timezone.get_current_timezone())
    calls = [
        (Wanted(None, []), "nobody"),
        (Wanted("partner", []), "nobody"),
        (Wanted("partner", ids[:3]), house["police"].name),
        (Wanted(None, ids[1:2]), "nobody"),
        (Wanted("municipality", ids, long_ago), "nobody"),
        (Wanted("municipality", ids, timezone.now()), "nobody"),  # nothing after now
        (Wanted("no such kind", []), "nobody"),
    ]
    for wanted, name in calls * 2:  # the second round runs the stored statements
        got = slugs(wanted, name, limit=3)
        assert got == _orm(slugs, wanted, name, limit=3)
        assert all(isinstance(row, tuple) for row in got)
        assert names(wanted, name) == _orm(names, wanted, name)
    assert slugs(Wanted(None, []), "nobody", limit=50) == _orm(
        slugs, Wanted(None, []), "nobody", limit=50
    )
    assert dict(kind_counts(long_ago)) == {"house": 1, "municipality": 1, "partner": 3}
    assert kind_counts(timezone.now()) == []
    assert all(compiled for _, compiled in slugs.compiled())
    assert len(list(slugs.compiled())) == 6  # kind/ids/after present or not, the limit


def test_a_shape_is_compiled_once(house, settings) -> None:
    settings.SCHAKEL_VERIFY_STATEMENTS = False  # the check builds the ORM's query each call
    police, team = house["police"].pk, house["ggz"].pk
    _BUILDS.clear()
    slugs(Wanted("partner", [police, team]), "a", limit=5)
    assert len(_BUILDS) == 2  # two sets of stand-in values, compared
    with CaptureQueriesContext(connection) as queries:
        rows = slugs(Wanted("municipality", [police, team]), "b", limit=5)
    assert len(_BUILDS) == 2 and len(queries) == 1
    assert rows == []  # the values of this call, not of the first: neither is a municipality
    assert [r[0] for r in slugs(Wanted("partner", [police]), "c", limit=5)] == [police]
    assert len(_BUILDS) == 4  # a list of another length is another shape


def test_what_cannot_be_bound_is_left_to_the_orm(house) -> None:
    @per_shape()
    def stripped(name: str) -> QuerySet[Party, Any]:
        return Party.objects.filter(name=name.strip()).values_list("slug", flat=True)

    @per_shape()
    def recent(kind: str) -> QuerySet[Party, Any]:  # reads the clock: no stored statement
        return Party.objects.filter(kind=kind, created_at__lt=timezone.now()).values_list("slug")

    @per_shape()
    def like(part: str) -> QuerySet[Party, Any]:  # the value reaches the SQL as '%part%'
        return Party.objects.filter(name__icontains=part).order_by("slug").values_list("slug")

    police = house["police"].name
    assert stripped(f"  {police} ") == ["politie"] == stripped(f" {police}")
    assert recent("partner") == _orm(recent, "partner") != []
    assert like("gemeente") == _orm(like, "gemeente") != []
    assert like("%") == _orm(like, "%")  # escaped by the ORM, every party has no '%'
    for read in (stripped, recent, like):
        assert [compiled for _, compiled in read.compiled()] == [False]


def test_values_that_shape_the_sql_are_part_of_the_shape(house) -> None:
    @per_shape()
    def by_id(pk: int | None) -> QuerySet[Party, Any]:
        qs = Party.objects.order_by("pk")
        return (qs.filter(pk=pk) if pk else qs).values_list("pk", flat=True)

    every = list(Party.objects.order_by("pk").values_list("pk", flat=True))
    police = house["police"].pk
    assert by_id(police) == [police]
    assert by_id(None) == every == by_id(0)  # falsy: the other branch, not `pk = 0`
    assert by_id(2**70) == []  # beyond a 64-bit column: the ORM's own answer, no error


def test_only_value_rows(house) -> None:
    @per_shape()
    def whole(pk: int) -> QuerySet[Party, Any]:
        return Party.objects.filter(pk=pk)

    with pytest.raises(TypeError, match="values"):
        whole(house["police"].pk)


def test_the_tests_check_catches_a_value_frozen_into_the_statement(house, settings) -> None:
    settings.SCHAKEL_VERIFY_STATEMENTS = True

    @per_shape()
    def joined_before_rows(kind: str) -> QuerySet[Party, Any]:
        # Wrong on purpose: a date read inside `build` is the same in both stand-in
        # compilations, so it is stored as a constant of the statement.
        joined = Party.objects.filter(kind=kind, created_at__date__lte=timezone.localdate())
        return joined.values_list("slug", flat=True)

    with time_machine.travel(date(2026, 12, 1), tick=False):
        assert joined_before_rows("partner") == []
    with (
        time_machine.travel(date(2026, 12, 2), tick=False),
        pytest.raises(AssertionError, match="not the ORM's"),
    ):
        joined_before_rows("partner")


def test_distinct_ids() -> None:
    assert distinct_ids([3, 1, 3, 2]) == [1, 2, 3]
    assert distinct_ids(iter(())) == []
