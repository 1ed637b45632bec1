"""The register, finding a person, the person page (informing, recording a request) and the
access export downloads."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from schakel.domain.roles import Role
from schakel.rights import forms as f
from schakel.rights import selectors, services
from schakel.rights.export import access_export_for
from schakel.rights.models import RequestKind, RequestStatus
from schakel.rights.pdf import export_pdf
from schakel.rights.presentation import request_row
from schakel.rights.views._common import _actor, _ctx, _int, _submit

# --------------------------------------------------------------------------- the register


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    q = request.GET
    status = q.get("status", "open")
    status = status if status in ("", "open", *RequestStatus.values) else "open"
    kind = q.get("soort", "")
    kind = kind if kind in RequestKind.values else ""
    page = selectors.request_list_for(
        actor=_actor(request),
        ctx=_ctx(request),
        filters=selectors.RequestFilters(status=status, kind=kind),
        after=_int(q.get("na")),
    )
    if page is None:
        raise Http404
    today = timezone.localdate()
    keep = q.copy()
    keep.pop("na", None)
    if page.next_after:
        keep["na"] = str(page.next_after)
    return render(
        request,
        "rights/register.html",
        {
            "rows": [request_row(r, today) for r in page.rows],
            "status": status,
            "kind": kind,
            "statuses": RequestStatus.choices,
            "kinds": RequestKind.choices,
            "next_query": keep.urlencode() if page.next_after else "",
        },
    )


@login_required
@require_GET
def find(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = f.FindForm(request.GET or None)
    persons = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        persons = selectors.person_find(
            actor=actor,
            ctx=_ctx(request),
            bsn=d["bsn"] or "",
            last_name=d["last_name"] or "",
            date_of_birth=d["date_of_birth"],
        )
        if persons is None:
            raise Http404
    elif selectors.person_find(actor=actor, ctx=_ctx(request)) is None:
        raise Http404
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "rights/find.html", {"form": form, "persons": persons}, status=status)


# --------------------------------------------------------------------------- the person


def _person_page(
    request: HttpRequest,
    subject_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    view = selectors.person_get_for(actor=_actor(request), ctx=_ctx(request), subject_id=subject_id)
    if view is None:
        raise Http404
    bound = bound or {}
    informing = view.informing
    initial = (
        {
            "state": informing.state,
            "informed_on": informing.informed_on,
            "postponed_reason": informing.postponed_reason,
            "review_on": informing.review_on,
        }
        if informing
        else {"received_on": timezone.localdate()}
    )
    today = timezone.localdate()
    return render(
        request,
        "rights/person.html",
        {
            "view": view,
            "anchor": view.person.anchor,
            "rows": [request_row(r, today) for r in view.requests],
            "request_form": bound.get("request")
            or f.RequestForm(prefix="request", initial={"received_on": today}),
            "informing_form": bound.get("informing")
            or f.InformingForm(prefix="informing", initial=initial),
            "is_privacy_officer": _actor(request).has(Role.privacy_officer),
        },
        status=status,
    )


@login_required
@require_GET
def person(request: HttpRequest, subject_id: int) -> HttpResponse:
    return _person_page(request, subject_id)


@login_required
@require_POST
def request_add(request: HttpRequest, subject_id: int) -> HttpResponse:
    return _submit(
        request,
        f.RequestForm(request.POST, prefix="request"),
        lambda d: services.request_record(
            actor=_actor(request),
            ctx=_ctx(request),
            subject_id=subject_id,
            kind=d["kind"],
            received_on=d["received_on"],
            description=d["description"],
        ),
        _("The request has been recorded."),
        lambda r: redirect("rights:request", request_id=r.pk),
        lambda form, status: _person_page(request, subject_id, {"request": form}, status),
    )


@login_required
@require_POST
def informing(request: HttpRequest, subject_id: int) -> HttpResponse:
    return _submit(
        request,
        f.InformingForm(request.POST, prefix="informing"),
        lambda d: services.informing_record(
            actor=_actor(request),
            ctx=_ctx(request),
            subject_id=subject_id,
            state=d["state"],
            informed_on=d["informed_on"],
            postponed_reason=d["postponed_reason"],
            review_on=d["review_on"],
        ),
        _("Whether the person was informed has been recorded."),
        lambda _row: redirect("rights:person", subject_id=subject_id),
        lambda form, status: _person_page(request, subject_id, {"informing": form}, status),
    )


def _export(request: HttpRequest, subject_id: int, fmt: str) -> tuple[Any, dict[str, Any]]:
    found = access_export_for(
        actor=_actor(request), ctx=_ctx(request), subject_id=subject_id, fmt=fmt
    )
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def export_json(request: HttpRequest, subject_id: int) -> HttpResponse:
    _person, data = _export(request, subject_id, "json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{subject_id}.json"'
    return response


@login_required
@require_GET
def export_pdf_view(request: HttpRequest, subject_id: int) -> HttpResponse:
    _person, data = _export(request, subject_id, "pdf")
    response = HttpResponse(export_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{subject_id}.pdf"'
    return response
