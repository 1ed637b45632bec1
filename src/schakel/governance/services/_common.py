"""What every governance service shares: the refusal types, authorisation and the audit call."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, record_changed
from schakel.domain.actor import Actor
from schakel.domain.governance_policy import GovAction, GovFacts, governance_allows


class GovernanceRefused(Exception):
    """A rule of the covenant refuses the change (the API answers 409). Nothing was saved."""

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(" ".join(self.reasons))


def authorise(actor: Actor, action: GovAction, facts: GovFacts | None = None) -> None:
    if not governance_allows(actor, action, facts or GovFacts()):
        raise PermissionDenied(action.value)


def audit(
    ctx: AuditContext | None,
    actor: Actor,
    *,
    object_type: str,
    object_id: int | str,
    purpose: str,
    action: AuditAction = AuditAction.CREATE,
) -> None:
    record_changed(
        ctx or AuditContext.system(),
        actor=actor,
        action=action,
        object_type=f"governance.{object_type}",
        object_id=object_id,
        purpose=purpose[:200],
    )


def today() -> date:
    return timezone.localdate()
