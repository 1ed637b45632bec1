"""The providing party's side: its list of correction requests and the answer to one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.cases.errors import CaseForbidden, InvalidInput
from schakel.core.forms import apply_service_errors
from schakel.rights import forms as f
from schakel.rights import selectors, services
from schakel.rights.views._common import _actor, _ctx

# --------------------------------------------------------------------------- the providing party


@login_required
@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    rows = selectors.rectifications_for_party(actor=_actor(request))
    if rows is None:
        raise Http404
    return render(request, "rights/tasks.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def task(request: HttpRequest, rectification_id: int) -> HttpResponse:
    actor = _actor(request)
    row = selectors.rectification_get_for(
        actor=actor, ctx=_ctx(request), rectification_id=rectification_id
    )
    if row is None:
        raise Http404
    form = f.AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.rectification_answer(
                    actor=actor,
                    ctx=_ctx(request),
                    rectification_id=rectification_id,
                    answer=form.cleaned_data["answer"],
                    note=form.cleaned_data["note"],
                )
            except CaseForbidden as exc:
                form.add_error(None, exc.reason_nl)
                status = 409
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                messages.success(request, _("Your answer has been recorded."))
                return redirect("rights:tasks")
    return render(request, "rights/task.html", {"row": row, "form": form}, status=status)
