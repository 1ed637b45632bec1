"""The one write path to the audit log: append a row to the hash chain.

Callers use the named functions in ``audit/record.py``; this module only knows how to chain.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from schakel.audit.chain import CHAINED_FIELDS, GENESIS, row_hash
from schakel.audit.models import AuditAction, AuditEvent, AuditOutcome

# An arbitrary, fixed key for pg_advisory_xact_lock: appends to the chain are serialised so
# each row sees the true previous row. SQLite serialises writers by itself.
_CHAIN_LOCK_KEY = 7_305_541_913


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
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        prev = (
            AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS
        )
        moment = timezone.now()
        rows = []
        for pseudonym in subject_pseudonyms:
            fields = {
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
            assert set(fields) == set(CHAINED_FIELDS)
            digest = row_hash(fields, prev)
            rows.append(AuditEvent(**fields, prev_hash=prev, row_hash=digest))
            prev = digest
        return AuditEvent.objects.bulk_create(rows)
