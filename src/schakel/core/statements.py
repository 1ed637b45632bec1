"""A selector's query compiled once per *shape*, then run with each call's values (issue #9).

Building and compiling a queryset cost the hot pages more Python than anything else once the
templates were fast: ~1 ms for the case list's page query, ~1.5 ms for a search by name, ~3 ms
for the two case queries of "Mijn werk", against ~0.1–1 ms for PostgreSQL to run them.
Most of those queries differ from one request to the next only in their values (the actor's
ids, the filter's values, the list's position), not in their SQL.

`per_shape(build)` wraps a function that builds a queryset from its arguments. The first call
of a shape runs `build` twice with stand-in values (probes), compiles both, and finds where in
the parameters each argument's value went; every later call with the same shape sends that
SQL with the call's values in those places, and reads the rows as the ORM would (its
converters, as tuples, dicts or flat values). The *shape* of a call is everything about the
arguments except the values that become parameters: which of them are None, empty, True or
False, enums and sets (an actor's roles), the lengths of lists, and the arguments named in
`shape=` (a LIMIT is part of the SQL text, not a parameter). Ints, non-empty strings, dates
and datetimes become parameters; dataclasses (an Actor, the list's filters) are walked field
by field.

What would make the stand-in wrong is refused rather than guessed: if the two compilations
differ in their SQL, in a parameter that is not one of the arguments (a `timezone.now()` read
inside `build`), or if an argument reached the SQL changed (a LIKE pattern), that shape is run
through the ORM on every call, as before. In test mode (`settings.SCHAKEL_VERIFY_STATEMENTS`)
every call also compiles the ORM's SQL for the real values and fails unless it is the same
statement with the same parameters, so the whole test suite checks each shape it reaches.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesIterable, ValuesListIterable

from schakel.core.sql import Converters, compile_query, convert, fetch

_LOWEST, _HIGHEST = -(2**63), 2**63 - 1  # what a 64-bit column holds
_MAX_SHAPES = 512  # per wrapped function: a bound, not an expected number
_INT_PROBES = (-7_301_964_000_000, -7_401_964_000_000)  # no table of the house has such ids
# Spaces and mixed case: a `strip()` or `upper()` inside `build` changes the probe, and the
# shape is then left to the ORM instead of binding the value as it came.
_TEXT_PROBE = " sHaPe-PrObE-{set}-{n} "
_MOMENT_PROBES = (
    datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC),
    datetime(1902, 3, 4, 5, 6, 7, tzinfo=UTC),
)


@dataclasses.dataclass(frozen=True)
class _Slot:
    position: int  # in the statement's parameters
    leaf: int  # which argument value, in walking order
    adapt: Callable[[Any], Any]  # how the ORM turned that value into the parameter


@dataclasses.dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[_Slot, ...]
    read: Callable[[list[Any]], Any]  # raw rows -> what the queryset would have yielded
    converters: Converters
    db: str
    columns: int | None  # the selected columns, when the ORM added some for ordering


_ORM = object()  # this shape is not compiled: the ORM runs it
_EMPTY = object()  # this shape matches nothing (the ORM raised EmptyResultSet)


def _walk(value: Any, probes: int | None, leaves: list[Any], shape: list[Any]) -> Any:
    """The value with every parameter-like leaf replaced by probe set `probes` (or kept, with
    None), appending the leaves (the probes, when probing) to `leaves` and the shape to
    `shape`."""
    if (
        value is None
        or isinstance(value, bool | Enum | frozenset | set)
        or value == ""
        or (isinstance(value, int) and value == 0)  # falsy: `if value:` may change the SQL
        or (isinstance(value, int) and not _LOWEST <= value <= _HIGHEST)  # the ORM's own case
    ):
        shape.append(value if not isinstance(value, set) else frozenset(value))
        return value
    if isinstance(value, int | str | datetime | date):
        shape.append(type(value))
        leaf = value if probes is None else _probe(value, probes, len(leaves))
        leaves.append(leaf)
        return leaf
    if isinstance(value, list | tuple):
        shape.append((type(value), len(value)))
        walked = [_walk(item, probes, leaves, shape) for item in value]
        return type(value)(walked)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shape.append(type(value))
        changes = {
            f.name: _walk(getattr(value, f.name), probes, leaves, shape)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes) if probes is not None else value
    raise TypeError(f"per_shape cannot bind a {type(value).__name__}: pass it in shape=")


def _walk_call(
    args: tuple[Any, ...], kwargs: dict[str, Any], probes: int | None, shape: list[Any]
) -> tuple[list[Any], dict[str, Any], list[Any]]:
    """`_walk` over a call's arguments: (args, kwargs, leaves), probed when `probes` is set."""
    leaves: list[Any] = []
    walked_args = _walk(list(args), probes, leaves, shape)
    walked_kwargs = {name: _walk(value, probes, leaves, shape) for name, value in kwargs.items()}
    return walked_args, walked_kwargs, leaves


def _probe(value: Any, probes: int, n: int) -> Any:
    if isinstance(value, int):
        return _INT_PROBES[probes] - n
    if isinstance(value, str):
        return _TEXT_PROBE.format(set=probes, n=n)
    if isinstance(value, datetime):
        return _MOMENT_PROBES[probes] + timedelta(seconds=n)
    return _MOMENT_PROBES[probes].date() + timedelta(days=n)


def _adapters(db: str) -> tuple[Callable[[Any], Any], ...]:
    ops = connections[db].ops
    return (
        lambda v: v,
        ops.adapt_datetimefield_value,  # SQLite: a string in the connection's time zone
        ops.adapt_datefield_value,
        str,
    )


def _reader(queryset: QuerySet[Any]) -> Callable[[list[Any]], Any] | None:
    """How the queryset's iterable turns a converted row into what it yields; None for model
    instances (use `core.sql.compiled_once`) and anything else not plainly ordered."""
    query = queryset.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    iterable = queryset._iterable_class
    chosen: tuple[str, ...] = getattr(queryset, "_fields", ())
    if iterable is FlatValuesListIterable:
        return lambda row: row[0]
    if iterable is ValuesListIterable:
        fields = [*chosen, *(f for f in query.annotation_select if f not in chosen)]
        return tuple if not chosen or fields == names else None
    if iterable is ValuesIterable:
        return lambda row: dict(zip(names, row, strict=True))
    return None


def _find_slots(
    a: tuple[Any, ...], b: tuple[Any, ...], probes: list[list[Any]], db: str
) -> tuple[_Slot, ...] | None:
    """Where each probe went, or None when a parameter is neither a probe nor a constant."""
    slots = []
    for position, (pa, pb) in enumerate(zip(a, b, strict=True)):
        found = None
        for leaf, (qa, qb) in enumerate(zip(*probes, strict=True)):
            for adapt in _adapters(db):
                try:
                    if adapt(qa) == pa and adapt(qb) == pb and type(adapt(qa)) is type(pa):
                        found = _Slot(position, leaf, adapt)
                        break
                except (TypeError, ValueError, AttributeError):
                    continue
            if found:
                break
        if found:
            slots.append(found)
        elif pa != pb or any(str(q) in str(pa) for q in probes[0] if isinstance(q, str)):
            return None  # a value computed inside `build`, or an argument changed on its way
    return tuple(slots)


def _statement(build: Callable[..., QuerySet[Any]], args: Any, kwargs: Any) -> Any:
    """Compile `build` for this call's shape, or say why it cannot be (_ORM / _EMPTY)."""
    compiled = []
    probe_sets: list[list[Any]] = []
    for probes in (0, 1):
        probed_args, probed_kwargs, probed = _walk_call(args, kwargs, probes, [])
        probe_sets.append(probed)
        queryset = build(*probed_args, **probed_kwargs)
        try:
            compiled.append(compile_query(queryset))
        except EmptyResultSet:
            return _EMPTY
    (sql_a, params_a, compiler), (sql_b, params_b, _) = compiled
    read = _reader(queryset)
    if read is None:
        raise TypeError(
            f"per_shape takes values() or values_list() querysets in their own order, not "
            f"{queryset._iterable_class.__name__} (model rows: core.sql.compiled_once)"
        )
    if sql_a != sql_b or len(params_a) != len(params_b):
        return _ORM
    db = compiler.using
    slots = _find_slots(params_a, params_b, probe_sets, db)
    if slots is None:
        return _ORM
    columns = compiler.col_count if compiler.has_extra_select else None
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    return _Statement(sql_a, params_a, slots, read, converters, db, columns)


def _bind(statement: _Statement, leaves: list[Any]) -> list[Any]:
    """The statement's parameters with this call's values in their places."""
    bound = list(statement.params)
    for slot in statement.slots:
        bound[slot.position] = slot.adapt(leaves[slot.leaf])
    return bound


def _run(statement: _Statement, leaves: list[Any]) -> list[Any]:
    connection = connections[statement.db]
    rows = fetch(connection, statement.sql, _bind(statement, leaves))
    width = statement.columns
    return [
        statement.read(convert(list(row[:width]), statement.converters, connection)) for row in rows
    ]


class _Shapes:
    def __init__(
        self, build: Callable[..., QuerySet[Any, Any]], shape_args: tuple[str, ...]
    ) -> None:
        self.build = build
        self.shape_args = shape_args
        self.statements: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        functools.update_wrapper(self, build)

    def __call__(self, *args: Any, **kwargs: Any) -> list[Any]:
        fixed = {name: kwargs.pop(name) for name in self.shape_args if name in kwargs}
        shape: list[Any] = [tuple(fixed.items()), tuple(kwargs)]
        _, _, leaves = _walk_call(args, kwargs, None, shape)
        key = tuple(shape)
        with self.lock:
            statement = self.statements.get(key)
            if statement is not None:
                self.statements.move_to_end(key)
        if statement is None:
            statement = _statement(functools.partial(self.build, **fixed), args, kwargs)
            with self.lock:
                self.statements[key] = statement
                if len(self.statements) > _MAX_SHAPES:
                    self.statements.popitem(last=False)
        if statement is _EMPTY:
            return []
        if statement is _ORM:
            return list(self.build(*args, **kwargs, **fixed))
        if getattr(settings, "SCHAKEL_VERIFY_STATEMENTS", False):
            _verify(statement, self.build(*args, **kwargs, **fixed), leaves)
        return _run(statement, leaves)

    def compiled(self) -> Iterator[tuple[Hashable, bool]]:
        """(shape, compiled?) for each shape seen: for the tests."""
        for key, statement in list(self.statements.items()):
            yield key, isinstance(statement, _Statement)


def _verify(statement: _Statement, queryset: QuerySet[Any], leaves: list[Any]) -> None:
    bound = _bind(statement, leaves)
    sql, params, _ = compile_query(queryset)
    if sql != statement.sql or list(params) != bound:
        raise AssertionError(
            f"per_shape: the stored statement is not the ORM's for these values\n"
            f"stored: {statement.sql} {bound}\norm:    {sql} {list(params)}"
        )


def distinct_ids(ids: Iterable[int]) -> list[int]:
    """The ids once each, sorted: the argument for an `id__in` of a `per_shape` query (the
    ORM drops repeats from an IN list, so a list with repeats would be a statement of its own
    length and fail the tests' check). Each length is a shape of its own."""
    return sorted(set(ids))


def per_shape(
    *, shape: tuple[str, ...] = ()
) -> Callable[[Callable[..., QuerySet[Any, Any]]], _Shapes]:
    """Decorate a function that builds a values()/values_list() queryset: calling it returns
    the queryset's rows as a list, compiled once per shape. `shape` names keyword arguments
    that change the SQL's text (a slice's size): they are part of the shape, not bound."""

    def wrap(build: Callable[..., QuerySet[Any, Any]]) -> _Shapes:
        return _Shapes(build, shape)

    return wrap
