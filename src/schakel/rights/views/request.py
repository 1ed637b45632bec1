"""One request and its actions: notes, extension, decision, routing a rectification, a legal
hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from schakel.rights import forms as f
from schakel.rights import selectors, services
from schakel.rights.models import RequestKind, RequestStatus
from schakel.rights.presentation import request_row
from schakel.rights.views._common import _actor, _ctx, _submit

# --------------------------------------------------------------------------- one request


def _request_page(
    request: HttpRequest,
    request_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = _actor(request)
    view = selectors.request_get_for(actor=actor, ctx=_ctx(request), request_id=request_id)
    if view is None:
        raise Http404
    bound = bound or {}
    req = view.request
    is_open = req.status != RequestStatus.completed
    route = None
    if is_open and req.kind == RequestKind.rectification and view.items:
        route = bound.get("route") or f.RouteForm(
            prefix="route", items=selectors.person_items(view.person)
        )
    return render(
        request,
        "rights/request.html",
        {
            "view": view,
            "req": req,
            "row": request_row(req, timezone.localdate()),
            "is_open": is_open,
            "note_form": bound.get("note") or f.NoteForm(prefix="note") if is_open else None,
            "extend_form": (bound.get("extend") or f.ExtendForm(prefix="extend"))
            if is_open and req.extended_deadline is None
            else None,
            "decide_form": bound.get("decide") or f.DecideForm(prefix="decide")
            if is_open
            else None,
            "route_form": route,
            "may_hold": is_open and services.may_place_hold(actor),
            "hold_error": bound.get("hold"),
        },
        status=status,
    )


@login_required
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _request_page(request, request_id)


def _request_action(
    request: HttpRequest,
    request_id: int,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    return _submit(
        request,
        form,
        call,
        done,
        lambda _r: redirect("rights:request", request_id=request_id),
        lambda bound, status: _request_page(request, request_id, {key: bound}, status),
    )


@login_required
@require_POST
def note(request: HttpRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        "note",
        f.NoteForm(request.POST, prefix="note"),
        lambda d: services.request_note_add(
            actor=_actor(request), ctx=_ctx(request), request_id=request_id, text=d["text"]
        ),
        _("The note has been added."),
    )


@login_required
@require_POST
def extend(request: HttpRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        "extend",
        f.ExtendForm(request.POST, prefix="extend"),
        lambda d: services.request_extend(
            actor=_actor(request),
            ctx=_ctx(request),
            request_id=request_id,
            months=d["months"],
            reason=d["reason"],
        ),
        _("The deadline has been extended."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        "decide",
        f.DecideForm(request.POST, prefix="decide"),
        lambda d: services.request_decide(
            actor=_actor(request),
            ctx=_ctx(request),
            request_id=request_id,
            outcome=d["outcome"],
            grounds=d["grounds"],
        ),
        _("The decision has been recorded and the request is completed."),
    )


@login_required
@require_POST
def route(request: HttpRequest, request_id: int) -> HttpResponse:
    actor = _actor(request)
    person = selectors.request_person_for_form(actor=actor, request_id=request_id)
    if person is None:
        raise Http404
    return _request_action(
        request,
        request_id,
        "route",
        f.RouteForm(request.POST, prefix="route", items=selectors.person_items(person)),
        lambda d: services.rectification_route(
            actor=actor,
            ctx=_ctx(request),
            request_id=request_id,
            item_ids=[i.pk for i in d["items"]],
            question=d["question"],
        ),
        _("The correction request has been sent to the providing parties."),
    )


@login_required
@require_POST
def hold(request: HttpRequest, request_id: int) -> HttpResponse:
    return _request_action(
        request,
        request_id,
        "hold",
        forms.Form(request.POST),
        lambda _d: services.request_hold_place(
            actor=_actor(request), ctx=_ctx(request), request_id=request_id
        ),
        _("Deletion of the person's cases is paused while the request is handled."),
    )
