"""What every case service does first: lock the row, check access and the version; and last:
bump the version, note the event on the timeline, write the audit row."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseChanged, CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import Case, CaseEvent
from schakel.cases.selectors import relation_for
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction, decide
from schakel.domain.roles import Role
from schakel.parties.models import Party


@dataclass(frozen=True)
class _Denial:
    actor: Actor
    ctx: AuditContext
    case_id: int
    purpose: str


_E = TypeVar("_E", bound=Exception)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _with(exc: _E, denial: _Denial) -> _E:
    exc.denial = denial  # type: ignore[attr-defined]
    return exc


def case_write(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """One transaction per service; a refused attempt is logged *after* the rollback, so the
    denial survives (an audit row written inside the rolled-back block would vanish)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except (CaseNotFound, CaseForbidden) as exc:
            denial: _Denial | None = getattr(exc, "denial", None)
            if denial is None and isinstance(kwargs.get("case_id"), int):
                # A refusal after the case was found (role, phase, not consulted): log it too.
                denial = _Denial(
                    kwargs["actor"],  # type: ignore[arg-type]
                    kwargs["ctx"],  # type: ignore[arg-type]
                    kwargs["case_id"],  # type: ignore[arg-type]
                    getattr(exc, "code", "refused"),
                )
            if denial is not None:
                audit.access_denied(
                    denial.ctx,
                    actor=denial.actor,
                    object_type="case",
                    object_id=denial.case_id,
                    purpose=denial.purpose,
                )
            raise

    return wrapper


def lock_case(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int | None,
    action: CaseAction = CaseAction.update,
) -> Case:
    """The case row, locked until the transaction ends (SELECT ... FOR UPDATE).

    Invisible and missing cases raise the same `CaseNotFound`; a visible case the actor may not
    change raises `CaseForbidden`; an edit based on an older version raises `CaseChanged`.
    """
    denial = _Denial(actor, ctx, case_id, action.value)
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    relation = relation_for(actor, case) if case is not None else None
    if relation is None or case is None or not decide(actor, relation, CaseAction.read).allowed:
        raise _with(CaseNotFound(), denial)
    verdict = decide(actor, relation, action)
    if not verdict.allowed:
        if verdict.reason == "case_closed":
            raise _with(
                CaseForbidden(_("The case is closed and can no longer be changed."), "closed"),
                denial,
            )
        raise _with(CaseForbidden(_("You may not change this case."), verdict.reason), denial)
    if expected_version is not None and expected_version != case.version:
        raise CaseChanged(case.version)
    return case


def require_role(actor: Actor, *roles: Role) -> None:
    if not actor.has(*roles):
        raise CaseForbidden(_("Your role may not do this."), "role_not_allowed")


def touch(
    case: Case,
    *,
    actor: Actor,
    ctx: AuditContext,
    kind: str,
    detail: str = "",
    purpose: str,
    bump: bool = True,
    audit_action: AuditAction = AuditAction.UPDATE,
) -> None:
    """Save the case with a new version and timestamp; timeline event; audit row."""
    now = timezone.now()
    if bump:
        case.version += 1
    case.updated_at = now
    case.save()
    CaseEvent.objects.create(
        case=case, kind=kind, detail=detail[:300], actor_id=actor.user_id, occurred_at=now
    )
    audit.record_changed(
        ctx,
        actor=actor,
        action=audit_action,
        object_type="case",
        object_id=case.pk,
        purpose=purpose,
    )


def required_text(errors: dict[str, list[str]], name: str, value: str, message: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        errors.setdefault(name, []).append(message)
    return cleaned


def party_or_error(
    errors: dict[str, list[str]], name: str, party_id: int | None, kind: str | None = None
) -> Party | None:
    if party_id is None:
        errors.setdefault(name, []).append(_("Choose a party."))
        return None
    party = Party.objects.filter(pk=party_id).first()
    if party is None or (kind is not None and party.kind != kind):
        errors.setdefault(name, []).append(_("Choose a party from the list."))
        return None
    return party


def user_or_error(
    errors: dict[str, list[str]], name: str, user_id: int | None, role: Role | None = None
) -> User | None:
    if user_id is None:
        errors.setdefault(name, []).append(_("Choose a person."))
        return None
    qs = User.objects.filter(pk=user_id, is_active=True)
    if role is not None:
        qs = qs.filter(role_assignments__role=role.value)
    user = qs.first()
    if user is None:
        errors.setdefault(name, []).append(_("Choose a person from the list."))
    return user


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors)
