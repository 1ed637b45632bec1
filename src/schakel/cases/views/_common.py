"""What the case screens share: the actor and the audit context of a request."""

from __future__ import annotations

from django.http import HttpRequest

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor


def actor_of(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def ctx_of(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)
