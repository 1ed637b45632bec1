"""One POST per operation on a case: parse the form, call one service, and on errors show
the case page again with the messages next to the fields (status 400) and nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.cases import forms as f
from schakel.cases import services
from schakel.cases.errors import (
    CaseChanged,
    CaseForbidden,
    CaseNotFound,
    IllegalTransition,
    InvalidInput,
)
from schakel.cases.views._common import actor_of, ctx_of
from schakel.cases.views.page import case_page
from schakel.core.forms import apply_service_errors
from schakel.domain.workflow import ACTION_LABELS_NL, Action, Decision


def _operation(
    request: HttpRequest,
    case_id: int,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate `form`, call the service; errors go next to the fields, nothing is saved."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except CaseNotFound:
            raise Http404 from None
        except CaseChanged as exc:
            messages.error(request, exc.reason_nl)
            return redirect("cases:detail", case_id=case_id)
        except CaseForbidden as exc:
            messages.error(request, exc.reason_nl)
            return redirect("cases:detail", case_id=case_id)
        except IllegalTransition as exc:
            form.add_error(None, exc.reason_nl)
            return case_page(request, case_id, {key: form}, status=409)
        except InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return redirect(reverse("cases:detail", args=[case_id]) + f"#{key}")
    return case_page(request, case_id, {key: form}, status=400)


@login_required
@require_POST
def case_step(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    if action not in Action.__members__:
        raise Http404
    key = f"t-{action}"
    form = f.TransitionForm(request.POST, prefix=key)

    def call(d: dict[str, Any]) -> object:
        if d["action"] != action:
            raise InvalidInput({"action": [_("Unknown step.")]})
        return services.case_transition(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            action=Action(action),
            motivation=d["motivation"],
            decision=Decision(d["decision"]) if d["decision"] else None,
            admission_table=d["admission_table"],
            handover_party_id=d["handover_party"].pk if d["handover_party"] else None,
            handover_note=d["handover_note"],
            closure_criteria_met=d["closure_criteria_met"],
        )

    label = ACTION_LABELS_NL[Action(action)]
    return _operation(request, case_id, key, form, call, _("Done: %(step)s.") % {"step": label})


@login_required
@require_POST
def case_criteria(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.CriteriaForm(request.POST, prefix="criteria")
    return _operation(
        request,
        case_id,
        "criteria",
        form,
        lambda d: services.triage_record_criteria(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            assessments=services.criteria_input(form.rows()),
            referrer_consulted=d["referrer_consulted"],
        ),
        _("The criteria have been recorded."),
    )


@login_required
@require_POST
def case_consult(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.ConsultationRequestForm(request.POST, prefix="consult")
    return _operation(
        request,
        case_id,
        "consult",
        form,
        lambda d: services.consultation_request(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            party_ids=[p.pk for p in d["party_ids"]],
        ),
        _("The parties have been asked."),
    )


@login_required
@require_POST
def case_answer(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.ConsultationAnswerForm(request.POST, prefix="answer")
    return _operation(
        request,
        case_id,
        "answer",
        form,
        lambda d: services.consultation_answer(
            actor=actor_of(request), ctx=ctx_of(request), case_id=case_id, **d
        ),
        _("Your answer has been recorded."),
    )


@login_required
@require_POST
def case_process_director(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.ProcessDirectorForm(request.POST, prefix="pd")
    return _operation(
        request,
        case_id,
        "pd",
        form,
        lambda d: services.case_assign_process_director(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            user_id=d["process_director"].pk,
        ),
        _("The process director has been assigned."),
    )


@login_required
@require_POST
def case_conference(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.ConferenceForm(request.POST, prefix="conf")

    def call(d: dict[str, Any]) -> object:
        invitations = []
        if d["invite_party"] or d["invite_justification"]:
            party = d["invite_party"]
            invitations.append((party.pk if party else None, d["invite_justification"]))
        return services.conference_prepare(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            conference_goal=d["conference_goal"],
            conference_date=d["conference_date"],
            invitations=invitations,
        )

    return _operation(request, case_id, "conf", form, call, _("The conference has been prepared."))


@login_required
@require_POST
def case_director(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.CaseDirectorForm(request.POST, prefix="cd")
    return _operation(
        request,
        case_id,
        "cd",
        form,
        lambda d: services.case_director_assign(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            user_id=d["case_director"].pk,
        ),
        _("The case director has been assigned."),
    )


@login_required
@require_POST
def case_informing(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.InformingForm(request.POST, prefix="inform")
    return _operation(
        request,
        case_id,
        "inform",
        form,
        lambda d: services.case_informing_set(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            informer_party_id=d["informer_party"].pk,
            inform_on=d["inform_on"],
            postponed_reason=d["postponed_reason"],
        ),
        _("Informing the subject has been recorded."),
    )


@login_required
@require_POST
def case_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.PlanForm(request.POST, prefix="plan")

    def call(d: dict[str, Any]) -> object:
        return services.plan_save(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            goals=[services.GoalInput(*g) for g in form.goals()],
            closure_criteria=d["closure_criteria"],
            new_actions=[services.ActionInput(*a) for a in form.actions()],
            reason=d["reason"],
        )

    return _operation(request, case_id, "plan", form, call, _("The plan of action has been saved."))


@login_required
@require_POST
def case_action(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    key = f"a{action_id}"
    form = f.ActionUpdateForm(request.POST, prefix=key)
    return _operation(
        request,
        case_id,
        key,
        form,
        lambda d: services.plan_action_update(
            actor=actor_of(request),
            ctx=ctx_of(request),
            case_id=case_id,
            expected_version=d["expected_version"],
            action_id=action_id,
            status=d["status"],
        ),
        _("The action has been updated."),
    )


@login_required
@require_POST
def case_note(request: HttpRequest, case_id: int) -> HttpResponse:
    form = f.NoteForm(request.POST, prefix="note")
    return _operation(
        request,
        case_id,
        "note",
        form,
        lambda d: services.progress_note_add(
            actor=actor_of(request), ctx=ctx_of(request), case_id=case_id, text=d["text"]
        ),
        _("The note has been added."),
    )
