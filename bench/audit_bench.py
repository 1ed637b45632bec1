"""Audit spine benchmarks: append one event (the cost every read of personal data pays), and
verify the whole chain (target: at least 50,000 events/s)."""

from __future__ import annotations

from django.db import transaction

from bench.__main__ import summarise, timed
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


def run(*, events: int) -> dict[str, dict[str, float]]:
    append = timed(_append, repeat=events)
    total = {"n": 0}

    def verify() -> None:
        checked, broken = audit_chain_verify()
        assert broken is None
        total["n"] = checked

    verify_samples = timed(verify, repeat=3)
    return {
        "audit: append one event": summarise(append),
        "audit: verify chain (per run)": summarise(verify_samples, per_sample_items=total["n"]),
    }
