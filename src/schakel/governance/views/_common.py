"""Shared bits of the governance views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors
from schakel.governance.services import GovernanceRefused

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def governance_view(view: V) -> V:
    """Signed in, and allowed in the governance section at all; otherwise "not found"."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        actor = actor_for(request.user)  # type: ignore[arg-type]
        if not selectors.allows(actor, GovAction.open_governance):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def actor_of(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


def run(
    request: HttpRequest,
    form: forms.Form | None,
    call: Callable[[], Any],
    success: str,
    field_for: Callable[[str], str | None] | None = None,
) -> bool:
    """Call one service; on a refusal show the reasons on the form (next to the field
    ``field_for(reason)`` names, when given) or as messages. Nothing was saved."""
    try:
        call()
    except GovernanceRefused as exc:
        for reason in exc.reasons:
            if form is not None:
                form.add_error(field_for(reason) if field_for else None, reason)
            else:
                messages.error(request, reason)
        return False
    except PermissionDenied:
        raise
    messages.success(request, success)
    return True


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
