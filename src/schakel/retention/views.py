"""/privacy/bewaartermijnen/: the privacy officer's retention overview (issue #5, part 3).

Thin: parse the form, call one service or selector, render. Anyone not allowed gets "not
found", as for a missing page (deny unless allowed). Errors appear next to the fields (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.core.forms import apply_service_errors
from schakel.domain.actor import Actor
from schakel.domain.retention_policy import RetentionAction, retention_allows
from schakel.retention import exports, selectors, services
from schakel.retention import forms as f
from schakel.retention.errors import InvalidInput, RetentionForbidden


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    due = selectors.due_soon(actor=actor)
    holds = selectors.holds_for_overview(actor=actor, ctx=_ctx(request))
    found = selectors.receipts(actor=actor)
    if due is None or holds is None or found is None:
        raise Http404
    rows, total = due
    context = {
        "due": rows,
        "due_total": total,
        "days": selectors.DUE_SOON_DAYS,
        "holds": holds,
        "receipts": list(found[:10]),
        "today": timezone.localdate(),
    }
    return render(request, "retention/overview.html", context)


@login_required
@require_GET
def receipt_list(request: HttpRequest) -> HttpResponse:
    found = selectors.receipts(actor=_actor(request))
    if found is None:
        raise Http404
    page = Paginator(found, 50).get_page(request.GET.get("pagina"))
    return render(request, "retention/receipts.html", {"page": page})


@login_required
@require_GET
def receipt_csv(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    found = selectors.receipts(actor=actor)
    if found is None:
        raise Http404
    body = exports.receipts_csv(actor=actor, ctx=_ctx(request), receipts=found)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verwijderbewijzen.csv"'
    return response


@login_required
@require_GET
def schedule(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    rows = selectors.schedule_rows(actor=actor)
    if rows is None:
        raise Http404
    may_edit = retention_allows(actor, RetentionAction.edit_schedule)
    context = {
        "rules": rows,
        "may_edit": may_edit,
        "may_overview": retention_allows(actor, RetentionAction.view_overview),
    }
    return render(request, "retention/schedule.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = _actor(request)
    entry = selectors.rule_in_force(actor=actor, code=code)
    if entry is None:
        raise Http404
    rule = entry.rule
    initial = {
        "months": rule.period.months,
        "days": rule.period.days,
        "legal_reference": rule.legal_reference,
        "description_nl": rule.description_nl,
    }
    form = f.RuleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.retention_rule_set(
                    actor=actor, ctx=_ctx(request), code=code, **form.cleaned_data
                )
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            except RetentionForbidden:
                raise Http404 from None
            else:
                messages.success(request, _("The retention rule has been saved."))
                return redirect("retention:schedule")
    row = selectors.schedule_rows(actor=actor) or []
    current = next(r for r in row if r.code == code)
    return render(
        request, "retention/rule_edit.html", {"form": form, "rule": current}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def hold_place(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not retention_allows(actor, RetentionAction.manage_holds):
        raise Http404
    form = f.HoldForm(request.POST or None, initial={"case_number": request.GET.get("casus", "")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.legal_hold_place(actor=actor, ctx=_ctx(request), **form.cleaned_data)
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            except RetentionForbidden:
                raise Http404 from None
            else:
                messages.success(request, _("The legal hold has been placed."))
                return redirect("retention:overview")
    return render(request, "retention/hold_place.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hold_lift(request: HttpRequest, hold_id: int) -> HttpResponse:
    actor = _actor(request)
    hold = selectors.hold_get(actor=actor, hold_id=hold_id)
    if hold is None:
        raise Http404
    form = f.LiftForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.legal_hold_lift(
                    actor=actor,
                    ctx=_ctx(request),
                    hold_id=hold.pk,
                    reason=form.cleaned_data["reason"],
                )
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            except RetentionForbidden:
                raise Http404 from None
            else:
                messages.success(request, _("The legal hold has been lifted."))
                return redirect("retention:overview")
    return render(request, "retention/hold_lift.html", {"form": form, "hold": hold}, status=status)
