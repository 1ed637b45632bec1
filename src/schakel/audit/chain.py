"""The hash chain: each row's hash covers its own fields and the previous row's hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The order of the fields in the hash. Never reorder: it would break every existing chain.
CHAINED_FIELDS = (
    "occurred_at",
    "user_id",
    "party_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "subject_pseudonym",
    "purpose",
    "outcome",
    "request_id",
    "client_address",
)


def _canonical(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(value).replace("\\", "\\\\").replace("|", "\\|")


def chained_payload(fields: Mapping[str, Any]) -> str:
    """The row's chained fields as the hash sees them: canonical, in CHAINED_FIELDS order,
    joined by "|". The hash is sha256 over the previous hash, "|" and this (PostgreSQL's
    one-statement append computes the same in SQL, audit/services.py)."""
    return "|".join(_canonical(fields[name]) for name in CHAINED_FIELDS)


def row_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{chained_payload(fields)}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    row_id: int
    reason: str


def find_break(rows: Iterator[tuple[Any, ...]]) -> tuple[int, ChainBreak | None]:
    """Walk rows ``(id, prev_hash, row_hash, *CHAINED_FIELDS)`` in id order.

    Returns the number of rows checked and the first break: an edited row (its hash no longer
    matches its fields), or a deleted or reordered row (its prev_hash is not the hash of the
    row before it).
    """
    expected_prev = GENESIS
    checked = 0
    for row in rows:
        row_id, prev, stored = row[0], row[1], row[2]
        fields = dict(zip(CHAINED_FIELDS, row[3:], strict=True))
        if prev != expected_prev:
            return checked, ChainBreak(
                row_id, "previous-hash mismatch: a row before it was deleted, inserted or reordered"
            )
        if row_hash(fields, prev) != stored:
            return checked, ChainBreak(row_id, "hash mismatch: this row was edited")
        expected_prev = stored
        checked += 1
    return checked, None
