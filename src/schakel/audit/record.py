"""One named function per audit event (as Open Archiefbeheer's logevent.py does).

Every function appends one row to the hash chain inside the caller's transaction. Rows carry
pointers and pseudonyms only: never case content, never secrets.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.http import HttpRequest

from schakel.audit.models import AuditAction, AuditEvent, AuditOutcome
from schakel.audit.services import audit_event_append
from schakel.domain.actor import Actor


@dataclass(frozen=True)
class AuditContext:
    """Where an event comes from: a request, or a command run on the server."""

    request_id: str
    client_address: str | None

    @classmethod
    def from_request(cls, request: HttpRequest | None) -> AuditContext:
        if request is None:
            return cls.system()
        return cls(
            request_id=getattr(request, "request_id", "") or uuid.uuid4().hex,
            client_address=request.META.get("REMOTE_ADDR") or None,
        )

    @classmethod
    def system(cls) -> AuditContext:
        return cls(request_id=f"cli-{uuid.uuid4().hex[:20]}", client_address=None)


def subject_pseudonym(subject_id: int) -> str:
    """A stable pseudonym for a subject: HMAC with a key apart from SECRET_KEY."""
    key = settings.SCHAKEL_PSEUDONYM_KEY.encode()
    return hmac.new(key, f"subject:{subject_id}".encode(), hashlib.sha256).hexdigest()[:32]


def _append(ctx: AuditContext, **event: Any) -> AuditEvent:
    return audit_event_append(request_id=ctx.request_id, client_address=ctx.client_address, **event)


class _ActorFields(TypedDict):
    user_id: int | None
    party_id: int | None
    role: str


def _actor_fields(actor: Actor | None) -> _ActorFields:
    if actor is None:
        return {"user_id": None, "party_id": None, "role": ""}
    role = actor.primary_role
    return {
        "user_id": actor.user_id,
        "party_id": actor.party_id,
        "role": role.value if role else "",
    }


# --- authentication -----------------------------------------------------------------------


def login_succeeded(ctx: AuditContext, *, actor: Actor) -> AuditEvent:
    return _append(ctx, action=AuditAction.LOGIN, object_type="session", **_actor_fields(actor))


def login_failed(ctx: AuditContext, *, user_id: int | None, party_id: int | None) -> AuditEvent:
    # The typed username is not stored: people type passwords into the wrong field.
    return _append(
        ctx,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        user_id=user_id,
        party_id=party_id,
        object_type="session",
    )


def logged_out(ctx: AuditContext, *, actor: Actor) -> AuditEvent:
    return _append(ctx, action=AuditAction.LOGOUT, object_type="session", **_actor_fields(actor))


# --- access to records ------------------------------------------------------------------


def record_read(
    ctx: AuditContext,
    *,
    actor: Actor,
    object_type: str,
    object_id: str | int,
    purpose: str,
    subject_pseudonym: str = "",
) -> AuditEvent:
    """A read of personal data (NEN 7513 in spirit): who, for which party, on which ground."""
    return _append(
        ctx,
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id,
        subject_pseudonym=subject_pseudonym,
        purpose=purpose,
        **_actor_fields(actor),
    )


def access_denied(
    ctx: AuditContext,
    *,
    actor: Actor | None,
    object_type: str,
    object_id: str | int,
    purpose: str,
) -> AuditEvent:
    """An attempt the policy refused; the user saw a 404 or 403."""
    return _append(
        ctx,
        action=AuditAction.DENIED,
        outcome=AuditOutcome.DENIED,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        **_actor_fields(actor),
    )


def record_changed(
    ctx: AuditContext,
    *,
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: str | int,
    purpose: str,
    subject_pseudonym: str = "",
) -> AuditEvent:
    """A create, update, delete or export of a record, written in the change's transaction."""
    assert action in {
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
        AuditAction.EXPORT,
    }
    return _append(
        ctx,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_pseudonym=subject_pseudonym,
        purpose=purpose,
        **_actor_fields(actor),
    )
