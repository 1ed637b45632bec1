"""Invite a party to a case and end a party's involvement (issue #4 item 3, Art. 12.2e, 15.2).

The panel itself sits on the case page (`sharing/_case_parties.html`); these pages carry the
forms when something needs saying: errors next to the fields, or the confirmation before an
involvement ends. The writes are the case services, which decide again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases import services as case_services
from schakel.cases.errors import CaseChanged, CaseForbidden, CaseNotFound, InvalidInput
from schakel.core.forms import apply_service_errors, share_choices
from schakel.sharing import forms as f
from schakel.sharing import parties


@login_required
@require_http_methods(["GET", "POST"])
def party_invite(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_for(request.user)  # type: ignore[arg-type]
    ctx = AuditContext.from_request(request)
    case = parties.case_for_parties(actor=actor, ctx=ctx, case_id=case_id)
    if case is None:
        raise Http404
    form = f.InviteForm(
        request.POST or None, prefix="invite", parties=parties.invitable_parties(case=case)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                case_services.case_party_invite(
                    actor=actor,
                    ctx=ctx,
                    case_id=case.pk,
                    expected_version=case.version,
                    party_id=form.cleaned_data["party"].pk,
                    justification=form.cleaned_data["justification"],
                )
            except CaseNotFound:
                raise Http404 from None
            except CaseForbidden as exc:
                form.add_error(None, exc.reason_nl)
                status = 403
            except CaseChanged as exc:
                form.add_error(None, exc.reason_nl)
                status = 409
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                messages.success(request, _("The party has been invited."))
                return redirect("cases:detail", case_id=case.pk)
    share_choices([form])  # the party list in one plain query (core.forms)
    return render(request, "sharing/party_invite.html", {"case": case, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def party_remove(request: HttpRequest, case_id: int, case_party_id: int) -> HttpResponse:
    actor = actor_for(request.user)  # type: ignore[arg-type]
    ctx = AuditContext.from_request(request)
    case = parties.case_for_parties(actor=actor, ctx=ctx, case_id=case_id)
    row = parties.involvement(case=case, case_party_id=case_party_id) if case else None
    if case is None or row is None:
        raise Http404
    form = f.RemovePartyForm(request.POST or None, initial={"expected_version": case.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                case_services.case_party_remove(
                    actor=actor,
                    ctx=ctx,
                    case_id=case.pk,
                    expected_version=form.cleaned_data["expected_version"],
                    case_party_id=row.pk,
                )
            except CaseNotFound:
                raise Http404 from None
            except CaseForbidden as exc:
                form.add_error(None, exc.reason_nl)
                status = 403
            except CaseChanged as exc:
                form.add_error(None, exc.reason_nl)
                status = 409
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                messages.success(
                    request,
                    _("The involvement of %(party)s has ended.") % {"party": row.party.name},
                )
                return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "sharing/party_remove.html",
        {"case": case, "row": row, "form": form, "may": parties.may_remove(actor, case, row)},
        status=status,
    )
