"""The case page: the case, its related rows, the steps and forms this actor gets now; and
the editing forms with long choice lists, each on its own page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from schakel.cases import forms as f
from schakel.cases import selectors
from schakel.cases.facts import case_allowed_actions, case_facts_from_view
from schakel.cases.models import Case, ConsultationAnswer
from schakel.cases.presentation import case_labels, timeline
from schakel.cases.views._common import actor_of, ctx_of
from schakel.core.forms import share_choices
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction
from schakel.domain.roles import Role
from schakel.domain.workflow import ACTION_LABELS_NL, Action, Decision, Phase
from schakel.sharing.selectors import case_items_for


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
    facts = case_facts_from_view(view)  # no second read of what the page holds
    for action in case_allowed_actions(actor=actor, case=case, facts=facts):
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


def case_page(
    request: HttpRequest,
    case_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_of(request)
    view = selectors.case_view_for(actor=actor, case_id=case_id, ctx=ctx_of(request))
    if view is None:
        raise Http404
    case = view.case
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
    actor = actor_of(request)
    view = selectors.case_view_for(actor=actor, case_id=case_id, ctx=ctx_of(request))
    if view is None or key not in LAZY_FORMS:
        raise Http404
    case = view.case
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
    return case_page(request, case_id)
