"""A fictional house at scale for the benchmarks (issue 9): cases in every phase, and an audit
log with a valid hash chain.

Rows are built as tuples with explicit ids and written in batches: PostgreSQL through COPY,
SQLite through ``executemany``. Every batch is its own transaction, so deferred foreign-key
checks stay small and memory stays flat. Names are invented (`generate_names`: surnames
shaped as in the Netherlands); BSNs only from the 9999 test range.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from schakel.accounts.models import User
from schakel.accounts.services import user_ensure
from schakel.audit.chain import CHAINED_FIELDS, GENESIS, row_hash
from schakel.audit.models import AuditEvent
from schakel.audit.record import subject_pseudonym
from schakel.core.fields import EncryptedTextField
from schakel.demo.generate_names import FIRST_NAMES, last_name
from schakel.domain.roles import Role
from schakel.parties.models import Party

STREETS = (
    "Dorpsstraat", "Kerkweg", "Molenstraat", "Schoolstraat", "Stationsweg", "Veldweg",
    "Wilhelminalaan",
)  # fmt: skip


@dataclass
class House:
    house_party: int
    municipalities: list[int]
    partners: list[int]
    process_directors: list[int]
    delegates: dict[int, list[int]]  # party id -> user ids


@dataclass
class Progress:
    out: TextIO = sys.stderr
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, table: str, n: int, elapsed: float) -> None:
        self.rows[table] = self.rows.get(table, 0) + n
        self.seconds[table] = self.seconds.get(table, 0.0) + elapsed

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            t: {"rows": n, "seconds": self.seconds[t], "rows_per_s": n / max(self.seconds[t], 1e-9)}
            for t, n in self.rows.items()
        }


class Writer:
    """Bulk insert of tuples with explicit ids: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.postgres = connection.vendor == "postgresql"
        self.skip_triggers = True

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction per batch. On PostgreSQL the foreign-key triggers are skipped when
        the role may (superuser): the rows are consistent by construction, and the deferred
        checks would otherwise cost as much as the COPY itself. The commit is timed too."""
        with transaction.atomic():
            if self.postgres and self.skip_triggers:
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SET LOCAL session_replication_role = replica")
                except DatabaseError:
                    self.skip_triggers = False
            yield
            started = time.perf_counter()
        self.progress.add("(commit)", 0, time.perf_counter() - started)

    def write(
        self, model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        started = time.perf_counter()
        table = model._meta.db_table
        fields: list[Any] = [model._meta.get_field(c) for c in columns]
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            if self.postgres:
                json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
                raw: Any = cursor.cursor  # psycopg 3: COPY needs the driver's own cursor
                with raw.copy(
                    f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
                ) as copy:
                    for row in rows:
                        if json_at:
                            row = tuple(
                                json.dumps(v) if i in json_at else v for i, v in enumerate(row)
                            )
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                # Encrypted values arrive as stored tokens (generate_extras); never twice.
                prepared = [
                    [
                        v
                        if isinstance(f, EncryptedTextField)
                        else f.get_db_prep_save(v, connection)
                        for f, v in zip(fields, row, strict=True)
                    ]
                    for row in rows
                ]
                cursor.executemany(
                    # Table and column names come from the models, never from input.
                    f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    prepared,
                )
        self.progress.add(table, len(rows), time.perf_counter() - started)


def next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def reset_sequences(tables: Sequence[type[models.Model]]) -> None:
    """After COPY with explicit ids, PostgreSQL's identity sequences must follow."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in tables:
            table = model._meta.db_table
            # The table name comes from the model, never from input.
            sql = (
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "COALESCE((SELECT MAX(id) FROM {}), 1))"
            )
            cursor.execute(sql.format(connection.ops.quote_name(table)), [table])


def analyse() -> float:
    """Fresh planner statistics after a bulk load (what autovacuum would do a while later);
    VACUUM also fills the visibility map for index-only scans. Returns the seconds taken."""
    started = time.perf_counter()
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return time.perf_counter() - started


# Caseloads: one process director per 2,500 cases of the house and one delegate per party per
# 25,000, never fewer than 8 and 3. About a quarter of the generated cases is open, so at
# 1,000,000 cases a process director directs ~575 open cases and a case director ~125: heavy
# (a real director has tens), but no longer the ~13,000 of a house that grew around eight
# directors, whose "Mijn werk" measured the generator rather than Schakel.
CASES_PER_PROCESS_DIRECTOR = 2_500
CASES_PER_DELEGATE = 25_000


def ensure_users(house_cases: int = 0) -> House:
    """Extra fictional users (idempotent: fixed usernames) on top of the demo's people,
    enough for a house of `house_cases` cases."""
    directors = max(8, house_cases // CASES_PER_PROCESS_DIRECTOR)
    per_party = max(3, house_cases // CASES_PER_DELEGATE)
    parties = list(Party.objects.order_by("id").values_list("id", "slug", "kind"))
    house = next(pid for pid, _slug, kind in parties if kind == "house")
    by_id = {p.id: p for p in Party.objects.all()}
    for n in range(directors):
        user_ensure(
            username=f"gen-pr-{n:02d}",  # 00 … 99, then 100 …
            party=by_id[house],
            first_name=random.choice(FIRST_NAMES),
            last_name=last_name(),
            email=f"gen-pr-{n:02d}@demo.schakel.invalid",
            roles=(Role.process_director,),
            job_title="Procesregisseur",
        )
    delegates: dict[int, list[int]] = {}
    for pid, slug, kind in parties:
        if kind == "house":
            continue
        for n in range(per_party):
            user = user_ensure(
                username=f"gen-{slug}-{n}"[:150],
                party=by_id[pid],
                first_name=random.choice(FIRST_NAMES),
                last_name=last_name(),
                email=f"gen-{slug}-{n}@demo.schakel.invalid",
                roles=(Role.partner_delegate,),
                job_title="Afgevaardigde casustafel",
            )
            delegates.setdefault(pid, []).append(user.pk)
    pds = list(
        User.objects.filter(role_assignments__role=Role.process_director.value)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return House(
        house_party=house,
        municipalities=[pid for pid, _s, kind in parties if kind == "municipality"],
        partners=[pid for pid, _s, kind in parties if kind == "partner"],
        process_directors=pds,
        delegates=delegates,
    )


AUDIT_COLS = (
    "id", "occurred_at", "user_id", "party_id", "role", "action", "object_type", "object_id",
    "subject_pseudonym", "purpose", "outcome", "request_id", "client_address", "prev_hash",
    "row_hash",
)  # fmt: skip
# (weight, action, object_type, outcome, with a subject)
AUDIT_MIX = (
    (70, "read", "case", "allowed", True),
    (10, "read", "case_list", "allowed", False),
    (8, "update", "case", "allowed", True),
    (6, "login", "session", "allowed", False),
    (4, "logout", "session", "allowed", False),
    (2, "denied", "case", "denied", False),
)


# One entry per percent, so picking is one random.choice.
_MIX_TABLE = [m for m in AUDIT_MIX for _ in range(m[0])]
_CASE_PURPOSE = "Art. 13 uitvoering plan van aanpak"


def _audit_rows(
    n: int, house: House, subjects: tuple[int, int], case_ids: tuple[int, int], start: datetime
) -> Iterator[tuple[Any, ...]]:
    """The chained fields of each event, in `chain.CHAINED_FIELDS` order."""
    users = [(u, p) for p, us in house.delegates.items() for u in us]
    users += [(u, house.house_party) for u in house.process_directors]
    step = max((datetime.now(UTC) - start) / max(n, 1), timedelta(microseconds=1))
    pseudonyms: dict[int, str] = {}
    for i in range(n):
        _w, action, object_type, outcome, with_subject = random.choice(_MIX_TABLE)
        user, party = random.choice(users)
        pseudonym = ""
        if with_subject and subjects[1] > subjects[0]:
            sid = random.randrange(*subjects)
            pseudonym = pseudonyms.get(sid) or pseudonyms.setdefault(sid, subject_pseudonym(sid))
            if len(pseudonyms) > 200_000:
                pseudonyms.clear()
        on_case = object_type == "case"
        case = random.randrange(*case_ids) if on_case and case_ids[1] > case_ids[0] else 0
        yield (
            start + step * i,
            user,
            party,
            "process_director" if party == house.house_party else "partner_delegate",
            action,
            object_type,
            str(case) if on_case else "",
            pseudonym,
            _CASE_PURPOSE if on_case else "",
            outcome,
            f"gen{i:012x}",
            f"10.{i % 200}.{(i // 200) % 250}.{i % 250 + 1}",
        )


def _fast_hash(values: tuple[Any, ...], prev: str) -> str:
    """`chain.row_hash` for the rows above: UTC datetimes, ints and strings without | or \\.

    `generate_audit` checks it against `chain.row_hash` on the first row of every batch."""
    moment, *rest = values
    payload = "|".join([prev, moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), *map(str, rest)])
    return hashlib.sha256(payload.encode()).hexdigest()


@contextlib.contextmanager
def indexes_built_after_load(
    model: type[models.Model], progress: Progress, *, defer: bool
) -> Iterator[None]:
    """On PostgreSQL, drop the model's secondary indexes (`Meta.indexes`) for a large load and
    build each once afterwards, from the same definitions the migrations use.

    Why: the audit log's pseudonym index takes its keys in random order; once it outgrows
    shared buffers every COPYed row costs a random page read and write (measured at 50 million
    events: 34,000 rows/s falling to 15,000, the COPY backend CPU-bound). One sort afterwards
    costs minutes. The indexes are rebuilt in `finally`, so an interrupted load still leaves the
    table as the migrations made it."""
    if not defer or connection.vendor != "postgresql":
        yield
        return
    indexes = list(model._meta.indexes)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.remove_index(model, index)
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.schema_editor() as editor:
            editor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for index in indexes:
                editor.add_index(model, index)
        elapsed = time.perf_counter() - started
        table = model._meta.db_table
        progress.add(f"(indexes of {table})", 0, elapsed)
        progress.say(f"  {len(indexes)} indexes of {table} built in {elapsed:,.1f} s")


# Below this many events, keeping the indexes up to date row by row is as fast as a rebuild.
DEFER_INDEXES_FROM = 1_000_000


def generate_audit(
    n: int,
    house: House,
    progress: Progress,
    *,
    subjects: tuple[int, int],
    case_ids: tuple[int, int],
    batch_size: int = 20_000,
    years: int = 5,
    defer_indexes: bool | None = None,
) -> None:
    """N audit events appended to the existing chain, each row hashed like `record._append`.

    `defer_indexes` (default: when the load at least doubles the log and is large) builds the
    secondary indexes after the load instead of row by row (`indexes_built_after_load`)."""
    last = AuditEvent.objects.order_by("-id").values_list("id", "row_hash").first()
    next_pk, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    if defer_indexes is None:
        defer_indexes = n >= max(DEFER_INDEXES_FROM, next_pk)
    with indexes_built_after_load(AuditEvent, progress, defer=defer_indexes):
        _generate_audit(n, house, progress, subjects, case_ids, batch_size, years, next_pk, prev)


def _generate_audit(
    n: int,
    house: House,
    progress: Progress,
    subjects: tuple[int, int],
    case_ids: tuple[int, int],
    batch_size: int,
    years: int,
    next_pk: int,
    prev: str,
) -> None:
    writer = Writer(progress)
    start = datetime.now(UTC) - timedelta(days=365 * years)
    started = time.perf_counter()
    rows: list[tuple[Any, ...]] = []
    done = 0

    def flush() -> None:
        nonlocal done
        with writer.batch():
            writer.write(AuditEvent, AUDIT_COLS, rows)
        done += len(rows)
        rows.clear()
        rate = done / (time.perf_counter() - started)
        progress.say(f"  audit events {done:>12,}/{n:,}  ({rate:,.0f} events/s)")

    for values in _audit_rows(n, house, subjects, case_ids, start):
        digest = _fast_hash(values, prev)
        if not rows and digest != row_hash(dict(zip(CHAINED_FIELDS, values, strict=True)), prev):
            raise AssertionError("generate_audit: the fast hash no longer matches chain.row_hash")
        rows.append((next_pk, *values, prev, digest))
        next_pk += 1
        prev = digest
        if len(rows) >= batch_size:
            flush()
    if rows:
        flush()
    reset_sequences([AuditEvent])
