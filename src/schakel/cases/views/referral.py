"""The referral form: a partner's delegate or a process director refers a person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schakel.cases import forms as f
from schakel.cases import services
from schakel.cases.errors import (
    InvalidInput,
)
from schakel.cases.views._common import actor_of, ctx_of
from schakel.core.forms import apply_service_errors
from schakel.domain.roles import Role


@login_required
@require_http_methods(["GET", "POST"])
def case_refer(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.party_active or not actor.has(Role.partner_delegate, Role.process_director):
        raise Http404
    form = f.ReferralForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            subjects = [
                services.SubjectInput(
                    first_name=row["first_name"] or "",
                    last_name=row["last_name"] or "",
                    date_of_birth=row["date_of_birth"],
                    bsn=row["bsn"] or "",
                    address=row["address"] or "",
                    relation=row["relation"] or "",
                )
                for row in form.subjects()
            ]
            try:
                case = services.case_refer(
                    actor=actor,
                    ctx=ctx_of(request),
                    subjects=subjects,
                    municipality_id=data["municipality"].pk,
                    target_group=data["target_group"],
                    inflow=data["inflow"],
                    reason=data["reason"],
                    goal=data["goal"],
                    involved_party_ids=[p.pk for p in data["involved_parties"]],
                )
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                messages.success(
                    request, _("Case %(number)s has been referred.") % {"number": case.number}
                )
                return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/refer.html", {"form": form}, status=status)
