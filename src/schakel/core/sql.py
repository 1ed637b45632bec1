"""Pieces for the few statements not compiled by the ORM on every request (docs/architecture.md:
only where compiling costs more than running, on every request of its kind)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, router
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)
K = TypeVar("K", int, str)

# Stands for the one value while the ORM compiles: an id no table of the house reaches.
PROBE = -8_101_964_213
_LOWEST, _HIGHEST = -(2**63), 2**63 - 1  # what a 64-bit column can hold
TEXT_PROBE = "\x1fcompiled-once-probe"  # and a text key no row has


def columns(alias: str, model: type[Model]) -> str:
    """Every column of the model's table, prefixed with the statement's alias: a hand-written
    SELECT read through `Rows.written` gets a whole row, as the ORM would."""
    return ", ".join(f"{alias}.{f.column}" for f in model._meta.concrete_fields)


def compile_query(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...], Any]:
    """The SQL and parameters the ORM writes for the queryset, with the compiler that wrote
    them (its columns and converters)."""
    compiler = queryset.query.get_compiler(using=router.db_for_read(queryset.model))
    sql, params = compiler.as_sql()
    return sql, tuple(params), compiler


Converters = dict[int, tuple[list[Any], Any]]  # position -> (converters, expression)


def convert(values: list[Any], converters: Converters, connection: Any) -> list[Any]:
    """The row's values as the ORM hands them over (`compiler.apply_converters`, one row)."""
    for position, (functions, expression) in converters.items():
        for function in functions:
            values[position] = function(values[position], expression, connection)
    return values


@dataclass(frozen=True)
class Rows:
    """A compiled model query, run with new parameters into model instances as the ORM's
    own iterator makes them (`Model.from_db` with the fields' converters). Reading through
    `Model.objects.raw` did the same but worked out the columns, their order and their
    converters again on every call: ~0.2 ms of a ~0.35 ms read of a row or two (issue #9)."""

    model: type[Model]
    sql: str
    db: str
    fields: tuple[str, ...]  # the attnames of the selected columns, in order
    start: int  # where the model's columns are in the row
    converters: Converters
    extra: tuple[str, ...] = ()  # columns after the model's, set as attributes, unconverted

    @classmethod
    def written(cls, model: type[Model], sql: str, extra: tuple[str, ...] = ()) -> Rows:
        """For a statement written by hand that selects `columns(alias, model)` first, then
        the `extra` columns (set on each instance as `raw` sets its annotations)."""
        db = router.db_for_read(model)
        compiler = model._base_manager.all().query.get_compiler(using=db)
        fields = model._meta.concrete_fields
        converters = compiler.get_converters([f.get_col(model._meta.db_table) for f in fields])
        return cls(model, sql, db, tuple(f.attname for f in fields), 0, converters, extra)

    @classmethod
    def of(cls, queryset: QuerySet[Any]) -> tuple[Rows, tuple[Any, ...]]:
        sql, params, compiler = compile_query(queryset)
        chosen = compiler.klass_info["select_fields"]
        start, end = chosen[0], chosen[-1] + 1
        fields = tuple(column.target.attname for column, _, _ in compiler.select[start:end])
        converters = compiler.get_converters([c for c, _, _ in compiler.select[start:end]])
        return cls(queryset.model, sql, compiler.using, fields, start, converters), params

    def run(self, params: list[Any]) -> list[Any]:
        connection = connections[self.db]
        found = fetch(connection, self.sql, params)
        end = self.start + len(self.fields)
        made = []
        for row in found:
            values = convert(list(row[self.start : end]), self.converters, connection)
            instance = self.model.from_db(self.db, self.fields, values)
            for name, value in zip(self.extra, row[end:], strict=True):
                setattr(instance, name, value)
            made.append(instance)
        return made


# psycopg prepares a statement on the server from its second run on a connection (the first
# run of a one-off list length or filter shape is not worth a PREPARE), and keeps at most this
# many per connection, dropping the least recently used.
PREPARE_FROM_RUN = 2
PREPARED_PER_CONNECTION = 256


def prepare_on(connection: Any) -> None:
    """Let psycopg prepare statements on this new PostgreSQL connection (the
    `connection_created` signal). Django turns psycopg's preparing off; its own ORM queries
    bind their values client-side and are never prepared, with or without this: only the
    statements `fetch` sends through its server-binding cursor are."""
    if connection.vendor == "postgresql" and settings.SCHAKEL_PREPARE_STATEMENTS:
        connection.connection.prepare_threshold = PREPARE_FROM_RUN - 1
        connection.connection.prepared_max = PREPARED_PER_CONNECTION


@functools.cache
def _server_binding_cursors() -> tuple[type, type]:
    """psycopg's server-binding cursor as Django makes it, and the same for a connection whose
    queries are logged (the tests, DEBUG). Imported late: SQLite needs no psycopg."""
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]
    from django.db.backends.postgresql.psycopg_any import mogrify

    class _Values:
        def __init__(self, text: str) -> None:
            self.query = text.encode()

    class LoggedServerBindingCursor(ServerBindingCursor):  # type: ignore[misc]
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            super().execute(query, params, **kwargs)
            # What Django's query log reads (`last_executed_query`: `_query.query`): the
            # statement with its values, as after Django's own client-binding cursor.
            self._query = _Values(mogrify(query, params, self.connection))
            return self

    return ServerBindingCursor, LoggedServerBindingCursor


def _cursor(connection: Any) -> Any:
    """Django's cursor, made by psycopg as a server-binding one where `prepare_on` let the
    connection prepare: Django's own `create_cursor` makes it (with its time-zone loader) and
    wraps it (query log, error translation), from the class psycopg is told to use."""
    raw = connection.connection
    if getattr(raw, "prepare_threshold", None) is None:  # SQLite, turned off, not yet open
        return connection.cursor()
    plain, logged = _server_binding_cursors()
    default = raw.cursor_factory
    raw.cursor_factory = logged if connection.queries_logged else plain
    try:
        return connection.cursor()
    finally:
        raw.cursor_factory = default  # the ORM's own queries stay client-bound


def fetch(connection: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """All rows of a statement compiled once (`Rows`, `core.statements`), sent again and again.

    On PostgreSQL it goes through a cursor that binds the values on the server, so psycopg
    prepares it (`prepare_on`): PostgreSQL then plans it once per connection, or keeps
    planning where its own comparison finds a plan per value cheaper, instead of parsing and
    planning the text every time. At a million cases planning was a third of the database's
    time under load (issue #9; docs/performance.md). Django's cursor wrapper stays around it,
    so the query log, the tests' query counts and the error translation see it as any other."""
    with _cursor(connection) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()  # type: ignore[no-any-return]


def compiled_once(
    build: Callable[[K], QuerySet[M]],
    *,
    key: type[K] = int,  # type: ignore[assignment]
) -> Callable[[K], list[M]]:
    """The rows of `build(value)`, with the SQL the ORM writes for it compiled only once.

    For the small per-record lists a page reads on every request (a case's plans, notes,
    history): the ORM spent ~0.4 ms compiling each for ~0.1 ms of executing (issue #9). The
    first call compiles `build(PROBE)`; every call runs that SQL with the value in the
    probe's place and makes the rows as the ORM's iterator does (`Rows`: `Model.from_db`
    with the fields' converters), so they are the same model instances. `build` must take
    one id (or, with `key=str`, one text key) and return a plain queryset of whole or
    `.only()` rows (filters, ordering, a slice): no `select_related`, prefetch, `values()`
    or annotations, which `Rows` does not rebuild; it says so on the first call. Nothing
    in it may change between calls (no clock: compare dates in Python afterwards).
    tests/cases/test_compiled_once.py holds the rows equal to the ORM's on both databases."""
    probe: Any = PROBE if key is int else TEXT_PROBE

    @functools.cache  # one database per process (settings.DATABASES has only "default")
    def statement() -> tuple[Rows, tuple[Any, ...], int]:
        queryset = build(probe)
        query = queryset.query
        if (
            query.select_related
            or queryset._prefetch_related_lookups  # type: ignore[attr-defined]
            or queryset._fields  # type: ignore[attr-defined]
            or query.annotations
            or query.extra
        ):
            raise TypeError(f"{build.__qualname__}: compiled_once takes plain rows only")
        rows, params = Rows.of(queryset)
        at = [i for i, p in enumerate(params) if p == probe]
        if len(at) != 1:
            raise TypeError(f"{build.__qualname__}: the key must be the query's one probe")
        return rows, params, at[0]

    @functools.wraps(build)
    def rows(value: K) -> list[M]:
        if type(value) is not key:  # None would compile to IS NULL, a string to a cast
            raise TypeError(f"{build.__qualname__} takes a {key.__name__}, not {value!r}")
        if isinstance(value, int) and not _LOWEST <= value <= _HIGHEST:
            return []  # as the ORM: no such row (SQLite would raise OverflowError)
        rows, params, at = statement()
        bound = list(params)
        bound[at] = value
        return rows.run(bound)

    return rows


# The sizes a by-id statement is compiled for: a list of ids is padded to the next one (a
# repeated id changes nothing in an IN list), so a process keeps at most seven statements
# per model; longer lists go through the ORM as before.
_ID_BUCKETS = (1, 2, 4, 8, 16, 32, 64)


@functools.cache
def _by_ids_statement(model: type[Model], size: int) -> tuple[Rows, tuple[Any, ...], list[int]]:
    probes = [PROBE - n for n in range(size)]
    rows, params = Rows.of(model._default_manager.filter(pk__in=probes).order_by())
    at = [params.index(probe) for probe in probes]
    return rows, params, at


def rows_by_id(model: type[M], ids: set[int]) -> dict[int, M]:
    """`model._default_manager.in_bulk(ids)`, with its SQL compiled once per model and size
    (in_bulk compiled ~0.3 ms every time, for a few rows; issue #9)."""
    wanted = sorted(i for i in ids if _LOWEST <= i <= _HIGHEST)
    if not wanted:
        return {}
    size = next((b for b in _ID_BUCKETS if b >= len(wanted)), None)
    if size is None:
        return model._default_manager.in_bulk(wanted)
    rows, params, at = _by_ids_statement(model, size)
    bound = list(params)
    padded = wanted + [wanted[-1]] * (size - len(wanted))
    for position, value in zip(at, padded, strict=True):
        bound[position] = value
    return {row.pk: row for row in rows.run(bound)}


# Rows and the name of one of their foreign keys: `attach_refs` fills that reference.
Refs = tuple[Sequence[Model], str]


def attach_refs(model: type[M], *groups: Refs) -> list[M]:
    """Fill the reference `name` of every row in each group from one query on `model`, as
    `select_related` would have (a null reference stays None; no reference, no query), and
    return the rows found (to attach their own references in turn).

    With `compiled_once` rows, the plain way to a page's people and parties: joined in,
    each reference cost ~0.5 ms of compiling whether or not any row came back (issue #9)."""
    wanted = {getattr(row, f"{name}_id") for rows, name in groups for row in rows} - {None}
    found = rows_by_id(model, wanted) if wanted else {}
    for rows, name in groups:
        for row in rows:
            ref = row._meta.get_field(name)
            ref.set_cached_value(row, found.get(getattr(row, f"{name}_id")))  # type: ignore[union-attr]
    return list(found.values())


def keep_prefetched(instance: Model, related_name: str, rows: list[Any]) -> None:
    """`rows` as `instance.<related_name>.all()`, kept where `prefetch_related` keeps what it
    read (the instance's prefetch cache), each row pointing back at `instance`: for a reverse
    relation read through `compiled_once`. The related manager then asks nothing more."""
    field = instance._meta.get_field(related_name).field  # type: ignore[union-attr]
    for row in rows:
        field.set_cached_value(row, instance)
    kept: QuerySet[Any] = QuerySet(model=field.model)
    kept._result_cache = rows
    kept._prefetch_done = True  # type: ignore[attr-defined]
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[field.remote_field.cache_name] = kept
