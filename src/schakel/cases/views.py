"""The Dutch case screens: lists, the referral form, the case page and one POST per operation.

Thin: parse the form, call one service, render. A form with errors is shown again on the case
page with the messages next to the fields (status 400) and nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from schakel.accounts.selectors import actor_for, names_with_role
from schakel.audit.record import AuditContext
from schakel.cases import forms as f
from schakel.cases import selectors, services
from schakel.cases.errors import (
    CaseChanged,
    CaseForbidden,
    CaseNotFound,
    IllegalTransition,
    InvalidInput,
)
from schakel.cases.list_selectors import CaseFilters, case_list_for
from schakel.cases.models import Case, ConsultationAnswer
from schakel.cases.presentation import (
    case_labels,
    case_list_rows,
    select_options,
    timeline,
)
from schakel.core.forms import apply_service_errors, share_choices
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction, may_see_cases_at_all
from schakel.domain.roles import Role
from schakel.domain.target_groups import TARGET_GROUP_LABELS_NL
from schakel.domain.workflow import ACTION_LABELS_NL, PHASE_LABELS_NL, Action, Decision, Phase
from schakel.parties.selectors import party_names
from schakel.sharing.selectors import case_items_for


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


# --------------------------------------------------------------------------- lists


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 12 else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def case_list(request: HttpRequest, mine: bool = False) -> HttpResponse:
    actor = _actor(request)
    if not may_see_cases_at_all(actor):
        raise Http404
    q = request.GET
    phase = q.get("fase") or None
    group = q.get("doelgroep") or None
    filters = CaseFilters(
        phase=phase if phase in Phase.__members__ else None,
        target_group=group if group in TARGET_GROUP_LABELS_NL else None,
        municipality_id=_int(q.get("gemeente")),
        referring_party_id=_int(q.get("aanmelder")),
        process_director_id=_int(q.get("procesregisseur")),
        mine=mine,
        last_name=(q.get("achternaam") or "").strip() or None,
        date_of_birth=_date(q.get("geboortedatum")),
    )
    page = case_list_for(
        actor=actor, ctx=_ctx(request), filters=filters, cursor=q.get("na") or None
    )
    keep = q.copy()
    keep.pop("na", None)
    if page.next_cursor:
        keep["na"] = page.next_cursor
    parties = party_names()
    return render(
        request,
        "cases/list.html",
        {
            "mine": mine,
            "rows": case_list_rows(page.items),
            "next_query": keep.urlencode() if page.next_cursor else "",
            "last_name": q.get("achternaam", ""),
            "date_of_birth": q.get("geboortedatum", ""),
            "phases": select_options(PHASE_LABELS_NL.items(), phase),
            "groups": select_options(TARGET_GROUP_LABELS_NL.items(), group),
            "municipalities": select_options(
                ((pk, name) for pk, name, kind in parties if kind == "municipality"),
                q.get("gemeente"),
            ),
            "parties": select_options(
                ((pk, name) for pk, name, kind in parties if kind != "house"),
                q.get("aanmelder"),
            ),
            "directors": select_options(
                names_with_role(Role.process_director), q.get("procesregisseur")
            ),
        },
    )


# --------------------------------------------------------------------------- referral


@login_required
@require_http_methods(["GET", "POST"])
def case_refer(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
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
                    ctx=_ctx(request),
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


# --------------------------------------------------------------------------- the case page


def _offered_forms(
    actor: Actor, case: Case, view: selectors.CaseView
) -> dict[str, Callable[[], forms.Form]]:
    """The forms this actor gets now, each as a factory: the page builds only those it renders
    (building a form deep-copies its fields and their choices; the editing forms that open on
    their own page need only to be known). The services check again; this only hides
    buttons."""
    v = {"expected_version": case.version}
    phase = case.phase
    pd = actor.has(Role.process_director)
    may_update = selectors.may(actor, case, CaseAction.update)
    out: dict[str, Callable[[], forms.Form]] = {}
    if not may_update:
        return out
    facts = selectors.case_facts_from_view(view)  # no second read of what the page holds
    for action in selectors.case_allowed_actions(actor=actor, case=case, facts=facts):
        out[f"t-{action.value}"] = partial(
            f.TransitionForm,
            prefix=f"t-{action.value}",
            initial={**v, "action": action.value},
            step=action,
        )
    if phase == Phase.triage and pd:
        initial: dict[str, Any] = {**v, "referrer_consulted": case.referrer_consulted}
        for a in view.assessments:
            initial[f"{a.criterion}_holds"] = "yes" if a.holds else "no"
            initial[f"{a.criterion}_motivation"] = a.motivation
        out["criteria"] = partial(f.CriteriaForm, prefix="criteria", initial=initial)
        # A lambda, not a partial: the parties already involved are read only if it is built.
        out["consult"] = lambda: f.ConsultationRequestForm(
            prefix="consult", initial={**v, "party_ids": list(case.already_involved.all())}
        )
    if phase == Phase.triage and any(
        c.party_id == actor.party_id and c.answer == ConsultationAnswer.unanswered
        for c in view.consultations
    ):
        out["answer"] = partial(f.ConsultationAnswerForm, prefix="answer")
    if pd:
        out["pd"] = partial(
            f.ProcessDirectorForm,
            prefix="pd",
            initial={**v, "process_director": case.process_director_id},
        )
    if phase in (Phase.preparation, Phase.execution) and actor.has(
        Role.process_director, Role.conference_secretary
    ):
        out["conf"] = partial(
            f.ConferenceForm,
            prefix="conf",
            initial={
                **v,
                "conference_goal": case.conference_goal,
                "conference_date": case.conference_date,
            },
        )
    if phase in (Phase.mdo, Phase.execution) and pd:
        out["cd"] = partial(
            f.CaseDirectorForm, prefix="cd", initial={**v, "case_director": case.case_director_id}
        )
        out["inform"] = partial(
            f.InformingForm,
            prefix="inform",
            initial={
                **v,
                "informer_party": case.informer_party_id,
                "inform_on": case.inform_on,
                "postponed_reason": case.inform_postponed_reason,
            },
        )
    if phase in (Phase.mdo, Phase.execution) and (pd or case.case_director_id == actor.user_id):
        initial = {**v}
        if view.plan is not None:
            initial["closure_criteria"] = view.plan.closure_criteria
            for i, goal in enumerate(view.plan.goals[: f.PLAN_ROWS]):
                initial[f"goal{i}_life_domain"] = goal.get("life_domain")
                initial[f"goal{i}_goal"] = goal.get("goal")
        out["plan"] = partial(f.PlanForm, prefix="plan", initial=initial)
    if phase in (Phase.mdo, Phase.execution):
        for item in view.actions:
            if (
                pd
                or case.case_director_id == actor.user_id
                or item.owning_party_id == actor.party_id
            ):
                out[f"a{item.pk}"] = partial(
                    f.ActionUpdateForm, prefix=f"a{item.pk}", initial={**v, "status": item.status}
                )
    if phase in (Phase.case_conference, Phase.mdo, Phase.execution, Phase.closure):
        out["note"] = partial(f.NoteForm, prefix="note")
    return out


def _case_page(
    request: HttpRequest,
    case_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = _actor(request)
    case = selectors.case_get_for(actor=actor, case_id=case_id, ctx=_ctx(request))
    if case is None:
        raise Http404
    view = selectors.case_view(case=case)
    offered = _offered_forms(actor, case, view)
    bound = bound or {}
    # The editing forms with long choice lists open on their own page (a link here), unless
    # one comes back with errors: the page renders only what a visit usually needs.
    lazy = LAZY_FORMS - set(bound)
    available: dict[str, Any] = {
        key: bound[key] if key in bound else (True if key in lazy else make())
        for key, make in offered.items()
    }
    # A bound form no longer offered (the case moved on): say what was wrong anyway.
    page_errors = [
        str(e)
        for key, form in bound.items()
        if key not in offered
        for errors in form.errors.values()
        for e in errors
    ]
    transitions = [
        (ACTION_LABELS_NL[Action(key[2:])], key[2:], form)
        for key, form in available.items()
        if key.startswith("t-")
    ]
    share_choices(form for key, form in available.items() if key not in lazy)
    action_forms = {a.pk: available.get(f"a{a.pk}") for a in view.actions}
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "view": view,
            "labels": case_labels(case),
            "forms": available,
            "transitions": transitions,
            "actions": [(a, action_forms[a.pk], a in view.overdue) for a in view.actions],
            "timeline": timeline(view),
            "decisions": [d.value for d in Decision],
            "page_errors": page_errors,
            "items": case_items_for(actor=actor, case=case),
            "lazy": lazy,
        },
        status=status,
    )


# key -> (the operation's URL name, title, button); the titles are the case page's own.
LAZY_FORMS = frozenset({"criteria", "consult", "conf", "cd", "inform", "plan", "pd"})


def _form_texts(key: str, view: selectors.CaseView) -> tuple[str, str, str]:
    plan_title = _("Adjust the plan of action") if view.plan else _("Write the plan of action")
    texts = {
        "criteria": ("cases:criteria", _("Record the criteria (Bijlage 2)"), _("Save criteria")),
        "consult": ("cases:consult", _("Consult parties"), _("Ask these parties")),
        "conf": ("cases:conference", _("Prepare the conference"), _("Save preparation")),
        "cd": ("cases:case_director", _("Case director"), _("Assign case director")),
        "inform": ("cases:informing", _("Informing the subject"), _("Save informing")),
        "plan": ("cases:plan", plan_title, _("Save plan of action")),
        "pd": (
            "cases:process_director",
            _("Who directs the process of this case"),
            _("Assign process director"),
        ),
    }
    return texts[key]


@login_required
@require_GET
def case_form(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    """One editing form of the case page on its own page (its POST goes to the operation)."""
    actor = _actor(request)
    case = selectors.case_get_for(actor=actor, case_id=case_id, ctx=_ctx(request))
    if case is None or key not in LAZY_FORMS:
        raise Http404
    view = selectors.case_view(case=case)
    make = _offered_forms(actor, case, view).get(key)
    if make is None:
        raise Http404  # not offered to this actor in this phase: as if it did not exist
    form = make()
    share_choices([form])
    name, title, button = _form_texts(key, view)
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "view": view,
            "forms": {key: form},
            "form": form,
            "key": key,
            "url": reverse(name, args=[case.pk]),
            "title": title,
            "button": button,
        },
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


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
            return _case_page(request, case_id, {key: form}, status=409)
        except InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return redirect(reverse("cases:detail", args=[case_id]) + f"#{key}")
    return _case_page(request, case_id, {key: form}, status=400)


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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request), ctx=_ctx(request), case_id=case_id, **d
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request),
            ctx=_ctx(request),
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
            actor=_actor(request), ctx=_ctx(request), case_id=case_id, text=d["text"]
        ),
        _("The note has been added."),
    )
