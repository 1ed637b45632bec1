"""Helpers shared by the rights views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.core.forms import apply_service_errors
from schakel.domain.actor import Actor


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 19 else None


def _submit(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
    back: Callable[[Any], HttpResponse],
    again: Callable[[forms.Form, int], HttpResponse],
) -> HttpResponse:
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except CaseNotFound:
            raise Http404 from None
        except CaseForbidden as exc:
            form.add_error(None, exc.reason_nl)
            return again(form, 409)
        except InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return back(result)
    return again(form, 400)
