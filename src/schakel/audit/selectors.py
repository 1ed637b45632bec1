"""Reads of the audit log. Streaming, never counting the whole table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from schakel.audit.chain import CHAINED_FIELDS, ChainBreak, find_break
from schakel.audit.models import AuditEvent


def _chain_rows(batch_size: int) -> Iterator[tuple[Any, ...]]:
    # Keyset pages over the primary key: constant memory, no OFFSET, no COUNT(*).
    last_id = 0
    columns = ("id", "prev_hash", "row_hash", *CHAINED_FIELDS)
    while True:
        page = list(
            AuditEvent.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list(*columns)[:batch_size]
        )
        if not page:
            return
        yield from page
        last_id = page[-1][0]


def audit_chain_verify(*, batch_size: int = 20_000) -> tuple[int, ChainBreak | None]:
    return find_break(_chain_rows(batch_size))


def audit_events_recent(*, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("-id")[:limit])


def audit_events_for_pseudonyms(pseudonyms: list[str]) -> list[AuditEvent]:
    """Every event about one person (all their pseudonyms), oldest first: the access export's
    "who saw it" list (AVG Art. 15). The caller has authorised and logged the export."""
    return list(AuditEvent.objects.filter(subject_pseudonym__in=pseudonyms).order_by("id"))
