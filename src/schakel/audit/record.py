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
from schakel.audit.services import audit_events_append
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


def _append_each(
    ctx: AuditContext, subject_pseudonyms: list[str], **event: Any
) -> list[AuditEvent]:
    return audit_events_append(
        request_id=ctx.request_id,
        client_address=ctx.client_address,
        subject_pseudonyms=subject_pseudonyms,
        **event,
    )


def _append(ctx: AuditContext, *, subject_pseudonym: str = "", **event: Any) -> AuditEvent:
    return _append_each(ctx, [subject_pseudonym], **event)[0]


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


def record_reads(
    ctx: AuditContext,
    *,
    actor: Actor,
    object_type: str,
    object_id: str | int,
    purpose: str,
    subject_pseudonyms: list[str],
) -> list[AuditEvent]:
    """`record_read` once per subject of one record, appended together (one lock, one INSERT)."""
    if not subject_pseudonyms:
        return []
    return _append_each(
        ctx,
        subject_pseudonyms,
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id,
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


# --- break-the-glass (issue #4 item 5) ----------------------------------------------------


def emergency_access_granted(
    ctx: AuditContext,
    *,
    actor: Actor,
    grant_id: int,
    hours: int,
    reason_digest: str,
    subject_pseudonym: str = "",
) -> AuditEvent:
    """A process director opened a case outside the normal rules. The reason itself may name
    the person, so it stays encrypted in the grant (sharing.EmergencyAccess); the chained
    event carries its SHA-256 digest, so a later change to the reason shows."""
    return _append(
        ctx,
        action=AuditAction.CREATE,
        object_type="emergency_access",
        object_id=grant_id,
        subject_pseudonym=subject_pseudonym,
        purpose=f"break_the_glass: noodtoegang {hours} uur, reden sha256 {reason_digest[:16]}",
        **_actor_fields(actor),
    )


def emergency_access_reviewed(ctx: AuditContext, *, actor: Actor, grant_id: int) -> AuditEvent:
    """The privacy officer reviewed a break-the-glass grant (AVG Art. 39)."""
    return _append(
        ctx,
        action=AuditAction.UPDATE,
        object_type="emergency_access",
        object_id=grant_id,
        purpose="AVG Art. 39 beoordeling noodtoegang",
        **_actor_fields(actor),
    )


# --- rights of the subject (AVG Art. 12-21) ----------------------------------------------
# The step names the kind of request and what happened; never the person's words.


def subject_request_recorded(
    ctx: AuditContext, *, actor: Actor, request_id: int, kind: str, subject_pseudonym: str
) -> AuditEvent:
    return _append(
        ctx,
        action=AuditAction.CREATE,
        object_type="subject_request",
        object_id=request_id,
        subject_pseudonym=subject_pseudonym,
        purpose=f"AVG Art. 12 verzoek ({kind})",
        **_actor_fields(actor),
    )


def subject_request_handled(
    ctx: AuditContext, *, actor: Actor, request_id: int, step: str, subject_pseudonym: str
) -> AuditEvent:
    """A note, an extension, a decision, a rectification routed to or answered by a party."""
    return _append(
        ctx,
        action=AuditAction.UPDATE,
        object_type="subject_request",
        object_id=request_id,
        subject_pseudonym=subject_pseudonym,
        purpose=f"AVG Art. 12 afhandeling: {step}"[:200],
        **_actor_fields(actor),
    )


def subject_informing_recorded(
    ctx: AuditContext, *, actor: Actor, subject_id: int, state: str, subject_pseudonym: str
) -> AuditEvent:
    return _append(
        ctx,
        action=AuditAction.UPDATE,
        object_type="subject_informing",
        object_id=subject_id,
        subject_pseudonym=subject_pseudonym,
        purpose=f"AVG Art. 13-14 informeren: {state}",
        **_actor_fields(actor),
    )


def subject_access_exported(
    ctx: AuditContext, *, actor: Actor, subject_id: int, fmt: str, subject_pseudonym: str
) -> AuditEvent:
    """The access export (inzage) was generated: it decrypts everything about the person."""
    return _append(
        ctx,
        action=AuditAction.EXPORT,
        object_type="subject_access_export",
        object_id=subject_id,
        subject_pseudonym=subject_pseudonym,
        purpose=f"AVG Art. 15 inzage ({fmt})",
        **_actor_fields(actor),
    )


# --- retention ----------------------------------------------------------------------------


def retention_batch_deleted(
    ctx: AuditContext, *, rule_code: str, run_id: str, case_count: int
) -> AuditEvent:
    """The retention sweep carried out one rule for a batch of cases (issue #5). No actor: the
    schedule acts. The deletion receipts name the cases; this row only counts them."""
    return _append(
        ctx,
        action=AuditAction.DELETE,
        object_type="retention_sweep",
        object_id=run_id,
        purpose=f"retention {rule_code}: {case_count} cases (privacy protocol art. 11)",
    )
