"""The one write path to the audit log: append a row to the hash chain.

Callers use the named functions in ``audit/record.py``; this module only knows how to chain.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from schakel.audit.chain import CHAINED_FIELDS, GENESIS, chained_payload, row_hash
from schakel.audit.models import AuditAction, AuditEvent, AuditOutcome

# An arbitrary, fixed key for pg_advisory_xact_lock: appends to the chain are serialised so
# each row sees the true previous row. SQLite serialises writers by itself.
_CHAIN_LOCK_KEY = 7_305_541_913

_TABLE = AuditEvent._meta.db_table
_COLUMNS = ", ".join(CHAINED_FIELDS)

# PostgreSQL: the whole append in one round trip (issue #9: every audited page paid five: BEGIN,
# the lock, the last hash, the INSERT, COMMIT). Two statements in one simple-protocol message
# (psycopg's client-side binding, Django's default) run as one transaction, or inside the
# caller's; under READ COMMITTED the INSERT takes its snapshot after the lock is granted, so it
# reads the true last hash. The chain is continued in SQL with the same formula as
# `chain.row_hash`: sha256 over the previous hash, "|", and the row's canonical fields joined
# by "|" (`chain.chained_payload`, computed in Python), so `audit_verify` checks both paths.
_POSTGRES_APPEND = f"""
SELECT pg_advisory_xact_lock(%s);
WITH RECURSIVE
  event(n, payload, {_COLUMNS}) AS (VALUES {{rows}}),
  head(hash) AS (
    SELECT COALESCE((SELECT row_hash FROM {_TABLE} ORDER BY id DESC LIMIT 1), %s)
  ),
  chain(n, prev, hash) AS (
    SELECT 0, NULL::text, hash::text FROM head
    UNION ALL
    SELECT e.n, c.hash,
           encode(sha256(convert_to(c.hash || '|' || e.payload, 'UTF8')), 'hex')
    FROM chain c JOIN event e ON e.n = c.n + 1
  )
INSERT INTO {_TABLE} ({_COLUMNS}, prev_hash, row_hash)
SELECT e.occurred_at::timestamptz, e.user_id::bigint, e.party_id::bigint, e.role, e.action,
       e.object_type, e.object_id, e.subject_pseudonym, e.purpose, e.outcome, e.request_id,
       e.client_address::inet, c.prev, c.hash
FROM event e JOIN chain c ON c.n = e.n
ORDER BY e.n
RETURNING id, prev_hash, row_hash
"""  # noqa: S608 - the table and columns are the model's; values are bound
_ROW_PLACEHOLDERS = "(" + ", ".join(["%s"] * (len(CHAINED_FIELDS) + 2)) + ")"


def audit_events_append(
    *,
    request_id: str,
    client_address: str | None,
    action: AuditAction,
    outcome: AuditOutcome = AuditOutcome.ALLOWED,
    user_id: int | None = None,
    party_id: int | None = None,
    role: str = "",
    object_type: str = "",
    object_id: str | int = "",
    purpose: str = "",
    subject_pseudonyms: list[str],
) -> list[AuditEvent]:
    """One event per subject pseudonym, chained in order, under one lock and in one INSERT
    (a case page with three subjects writes three events at the price of one, issue #9)."""
    moment = timezone.now()
    events = [
        {
            "occurred_at": moment,
            "user_id": user_id,
            "party_id": party_id,
            "role": role,
            "action": action.value,
            "object_type": object_type,
            "object_id": str(object_id),
            "subject_pseudonym": pseudonym,
            "purpose": purpose,
            "outcome": outcome.value,
            "request_id": request_id,
            "client_address": client_address,
        }
        for pseudonym in subject_pseudonyms
    ]
    if not events:
        return []
    if connection.vendor == "postgresql":
        return _append_on_postgres(events)
    with transaction.atomic():
        prev = (
            AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS
        )
        rows = []
        for fields in events:
            digest = row_hash(fields, prev)
            rows.append(AuditEvent(**fields, prev_hash=prev, row_hash=digest))
            prev = digest
        return AuditEvent.objects.bulk_create(rows)


def _append_on_postgres(events: list[dict[str, Any]]) -> list[AuditEvent]:
    params: list[Any] = [_CHAIN_LOCK_KEY]
    for n, fields in enumerate(events, start=1):
        params += [n, chained_payload(fields)]
        params += [fields[name] for name in CHAINED_FIELDS]
    params.append(GENESIS)
    sql = _POSTGRES_APPEND.replace("{rows}", ", ".join([_ROW_PLACEHOLDERS] * len(events)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.nextset()  # past the lock's row to the INSERT's
        stored = cursor.fetchall()
    appended = []
    for (pk, prev, digest), fields in zip(stored, events, strict=True):
        event = AuditEvent(id=pk, **fields, prev_hash=prev, row_hash=digest)
        event._state.adding, event._state.db = False, connection.alias
        appended.append(event)
    return appended
