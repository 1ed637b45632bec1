"""What the meeting screens share: the actor, the audit context, calling one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseChanged, CaseForbidden, CaseNotFound, InvalidInput
from schakel.core.forms import apply_service_errors
from schakel.domain.actor import Actor
from schakel.domain.transitions import IllegalTransition


def actor_of(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def ctx_of(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


def attempt(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    done: str,
    success: Callable[[], HttpResponse],
) -> tuple[HttpResponse | None, int]:
    """Validate, call one service; on success a message and the redirect, else the status to
    re-render the page with the errors next to the fields (nothing was saved)."""
    if not form.is_valid():
        return None, 400
    try:
        call(form.cleaned_data)
    except CaseNotFound:
        raise Http404 from None
    except (CaseForbidden, IllegalTransition, CaseChanged) as exc:
        form.add_error(None, exc.reason_nl)
        # A role refusal is 403; a state that does not allow it (cancelled, decided) is 409.
        return None, 403 if getattr(exc, "code", "") == "role_not_allowed" else 409
    except InvalidInput as exc:
        apply_service_errors(form, exc.errors)
        return None, 400
    messages.success(request, done)
    return success(), 200
