"""Break-the-glass screens: the process director's "Noodtoegang" form and the privacy
officer's overview with her review (issue #4 item 5). Rules in `sharing.emergency`."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from schakel.accounts.selectors import actor_for
from schakel.audit import record as audit
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.core.forms import apply_service_errors
from schakel.domain.actor import Actor
from schakel.sharing import emergency
from schakel.sharing import forms as f


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


@login_required
@require_http_methods(["GET", "POST"])
def emergency_open(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not emergency.may_break_the_glass(actor):
        audit.access_denied(
            _ctx(request),
            actor=actor,
            object_type="emergency_access",
            object_id="form",
            purpose="not_process_director",
        )
        raise Http404
    initial = {"case_number": (request.GET.get("casus") or "")[:20]}
    form = f.EmergencyForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                opened = emergency.emergency_access_open(
                    actor=actor,
                    ctx=_ctx(request),
                    case_number=form.cleaned_data["case_number"],
                    reason=form.cleaned_data["reason"],
                )
            except CaseNotFound:
                raise Http404 from None
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                if opened.grant is None:
                    messages.info(
                        request, _("You may already open this case; no emergency access needed.")
                    )
                else:
                    until = timezone.localtime(opened.grant.expires_at)
                    messages.warning(
                        request,
                        _(
                            "Emergency access until %(until)s. The privacy officer and the "
                            "case's process director have been told; every view is logged."
                        )
                        % {"until": until.strftime("%d-%m-%Y %H:%M")},
                    )
                return redirect("cases:detail", case_id=opened.case.pk)
    return render(
        request,
        "sharing/emergency.html",
        {"form": form, "hours": settings.SCHAKEL_EMERGENCY_ACCESS_HOURS},
        status=status,
    )


def _overview(
    request: HttpRequest, bound: dict[int, f.ReviewForm] | None = None, status: int = 200
) -> HttpResponse:
    actor = _actor(request)
    open_only = request.GET.get("alle") != "1"
    before = request.GET.get("voor") or ""
    page = emergency.emergency_overview(
        actor=actor,
        ctx=_ctx(request),
        open_only=open_only,
        before=int(before) if before.isdecimal() and len(before) < 19 else None,
    )
    if page is None:
        raise Http404
    bound = bound or {}
    rows = [
        (
            grant,
            None
            if grant.reviewed_at
            else bound.get(grant.pk) or f.ReviewForm(prefix=f"r{grant.pk}"),
        )
        for grant in page.grants
    ]
    return render(
        request,
        "sharing/emergency_overview.html",
        {
            "rows": rows,
            "open_only": open_only,
            "next_before": page.next_before,
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_GET
def emergency_overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


@login_required
@require_POST
def emergency_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    form = f.ReviewForm(request.POST, prefix=f"r{grant_id}")
    if form.is_valid():
        try:
            emergency.emergency_access_review(
                actor=_actor(request),
                ctx=_ctx(request),
                grant_id=grant_id,
                remark=form.cleaned_data["remark"],
            )
        except CaseNotFound:
            raise Http404 from None
        except CaseForbidden as exc:
            messages.error(request, exc.reason_nl)
            return redirect("sharing:emergency_overview")
        except InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("sharing:emergency_overview")
    return _overview(request, {grant_id: form}, status=400)
