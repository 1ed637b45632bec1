"""Demo retention (issue #5): a few closed cases and refused referrals past or near their due
date, and one legal hold, so the privacy officer's overview has something in every section.

The closure dates of existing demo cases are moved back (demo only: nothing real is dated
back); the hold is placed through the service, so the audit log shows it. Idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.models import Case, PhaseTransition
from schakel.cases.statistics import record_statistics
from schakel.domain.bsn import demo_bsn
from schakel.retention import services
from schakel.retention.models import LegalHold

# Demo case numbers (demo/cases.py `_PLAN`): 10-12 were not admitted, 36-39 are closed.
# 37 carries the rights demo's erasure request: its hold is the pending request.
CLOSED_DAYS_AGO = {10: 100, 11: 80, 36: 200, 38: 170, 37: 190}
HELD_CASE = 37


def _case(n: int) -> Case | None:
    return Case.objects.filter(case_subjects__subject__bsn=demo_bsn(n * 3)).first()


def build_retention_demo(*, users: dict[str, User]) -> bool:
    """Returns True when something was added."""
    held = _case(HELD_CASE)
    if held is None or LegalHold.objects.filter(case=held).exists():
        return False
    now = timezone.now()
    for n, days in CLOSED_DAYS_AGO.items():
        case = _case(n)
        if case is not None and case.closed_at is not None:
            # The whole history moves back together, so the timeline and the anonymous
            # statistics (derived from the transitions) tell the same story as closed_at.
            shift = now - timedelta(days=days) - case.closed_at
            PhaseTransition.objects.filter(case=case).update(occurred_at=F("occurred_at") + shift)
            Case.objects.filter(pk=case.pk).update(
                closed_at=F("closed_at") + shift, created_at=F("created_at") + shift
            )
            case.refresh_from_db()
            record_statistics(case)
    services.legal_hold_place(
        actor=actor_for(users["privacy"]),
        ctx=AuditContext.system(),
        case_number=held.number,
        reason="Verzoek van de betrokkene om gegevens te wissen is in behandeling.",
        until=timezone.localdate() + timedelta(days=60),
    )
    return True
