"""Audit spine benchmarks: append one event (the cost every read of personal data pays), and
verify the whole chain (target: at least 50,000 events/s)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bench.cases_bench import audit_read_rate
from bench.measure import summarise, timed
from schakel.audit import record
from schakel.audit.record import AuditContext
from schakel.audit.selectors import audit_chain_verify
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role

ACTOR = Actor(
    user_id=1,
    username="bench",
    party_id=1,
    party_kind=PartyKind.house,
    roles=frozenset({Role.process_director}),
)


def _append() -> None:
    with transaction.atomic():
        record.record_read(
            AuditContext.system(),
            actor=ACTOR,
            object_type="case",
            object_id=1,
            purpose="bench",
            subject_pseudonym="p" * 32,
        )


def run(*, appends: int, verify_runs: int = 1) -> dict[str, dict[str, Any]]:
    append = timed(_append, repeat=appends)
    total = {"n": 0}

    def verify() -> None:
        checked, broken = audit_chain_verify()
        assert broken is None
        total["n"] = checked

    verify_samples = timed(verify, repeat=verify_runs)
    verified: dict[str, Any] = summarise(verify_samples, per_sample_items=total["n"])
    read_rate = audit_read_rate()
    verified.update(
        events=total["n"],
        rate_unit="events",
        bare_sql_per_second=read_rate,
        bare_sql_median_ms=total["n"] / read_rate * 1000,
        ratio=verified["median_ms"] / (total["n"] / read_rate * 1000),
    )
    return {
        "audit: append one event": summarise(append),
        "audit: verify chain (whole chain)": verified,
    }
