"""Every guard of the workflow table, through the one transition service and the API.

Each case is brought to the guard's phase with the services, the one fact is broken (or left
out), and the step must be refused with the guard's code and Dutch reason. Nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from schakel.accounts.services import api_token_create
from schakel.cases.models import Case, CaseParty, CaseSubject, PlanAction
from schakel.domain.transitions import TRANSITIONS, IllegalTransition
from schakel.domain.workflow import GUARDS, Action, Decision
from tests.cases.conftest import Walker, fresh, refer

pytestmark = pytest.mark.django_db

Setup = Callable[[Walker, Case, object], tuple[Case, Action, dict[str, object]]]


def _triage_ready(w: Walker, case: Case, rik: object) -> Case:
    return w.triage_done(w.to_triage(case))


def _break(case: Case, **fields: object) -> Case:
    Case.objects.filter(pk=case.pk).update(**fields)
    return fresh(case)


SCENARIOS: dict[str, Setup] = {
    "has_subjects": lambda w, c, r: (
        (CaseSubject.objects.filter(case=c).delete(), c)[1],
        Action.start_triage,
        {},
    ),
    "referral_reason_set": lambda w, c, r: (_break(c, reason=" "), Action.start_triage, {}),
    "target_group_admissible": lambda w, c, r: (
        _break(_triage_ready(w, c, r), target_group="polarisation"),
        Action.admit,
        {"admission_table": "regional"},
    ),
    "referrer_consulted": lambda w, c, r: (
        _break(_triage_ready(w, c, r), referrer_consulted=False),
        Action.admit,
        {"admission_table": "regional"},
    ),
    "criteria_assessed": lambda w, c, r: (
        _break(w.to_triage(c), referrer_consulted=True),
        Action.admit,
        {"admission_table": "regional"},
    ),
    "criteria_met": lambda w, c, r: (
        w.triage_done(w.to_triage(c), holding=(1, 2, 3)),
        Action.admit,
        {"admission_table": "regional"},
    ),
    "admission_table_set": lambda w, c, r: (_triage_ready(w, c, r), Action.admit, {}),
    "refusal_reason_set": lambda w, c, r: (w.to_triage(c), Action.refuse_admission, {}),
    "conference_goal_set": lambda w, c, r: (
        w.to_preparation(c),
        Action.schedule_conference,
        {},
    ),
    "invitations_justified": lambda w, c, r: (
        (
            w.prepare(w.to_preparation(c)),
            CaseParty.objects.filter(case=c, relation="invited").update(justification=""),
        )[0],
        Action.schedule_conference,
        {},
    ),
    "on_agenda": lambda w, c, r: (
        _break(
            w.prepare(w.to_preparation(c)),
            conference_date=timezone.localdate() - timedelta(days=1),
        ),
        Action.schedule_conference,
        {},
    ),
    "decision_motivation_set": lambda w, c, r: (
        w.to_conference(c),
        Action.record_conference_decision,
        {"decision": Decision.isd},
    ),
    "case_director_set": lambda w, c, r: (w.to_mdo(c), Action.adopt_plan, {}),
    "plan_has_actions": lambda w, c, r: (
        (lambda case: (PlanAction.objects.filter(case=case).update(status="cancelled"), case)[1])(
            w.plan(w.to_mdo(c), r)
        ),
        Action.adopt_plan,
        {},
    ),
    "closure_criteria_set": lambda w, c, r: (
        (lambda case: (case.plans.update(closure_criteria=""), case)[1])(w.plan(w.to_mdo(c), r)),
        Action.adopt_plan,
        {},
    ),
    "subject_informer_set": lambda w, c, r: (
        _break(w.plan(w.to_mdo(c), r), informer_party=None),
        Action.adopt_plan,
        {},
    ),
    "adjustment_reason_set": lambda w, c, r: (
        w.to_execution(c, r),
        Action.return_to_mdo,
        {},
    ),
    "closure_reason_set": lambda w, c, r: (w.to_execution(c, r), Action.decide_closure, {}),
    "handover_set": lambda w, c, r: (w.to_closure(c, r), Action.complete_closure, {}),
}
# Facts the data model itself guarantees (NOT NULL foreign keys and a required choice at
# referral): their guards cannot fail for a stored case. The domain tests cover them.
ALWAYS_TRUE = {"referring_party_set", "municipality_set", "target_group"}


def test_every_guard_has_a_scenario() -> None:
    used = {name for row in TRANSITIONS for name in row.required_facts}
    assert used - ALWAYS_TRUE == set(SCENARIOS)


@pytest.mark.parametrize("guard", sorted(SCENARIOS))
def test_guard_refuses_through_the_service(walker, kees, rik, house, guard) -> None:
    case, action, kw = SCENARIOS[guard](walker, refer(kees, house), rik)
    before = fresh(case)
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, action, **kw)
    assert exc.value.code == GUARDS[guard].code
    assert exc.value.reason_nl == GUARDS[guard].reason_nl
    after = fresh(case)
    assert (after.phase, after.version) == (before.phase, before.version)


@pytest.mark.parametrize("guard", ["has_subjects", "criteria_met", "handover_set"])
def test_guard_refusal_is_409_in_the_api(walker, kees, rik, anouk, house, guard) -> None:
    case, action, kw = SCENARIOS[guard](walker, refer(kees, house), rik)
    _, secret = api_token_create(user=anouk, name="t")
    body = {"action": action.value, "expected_version": fresh(case).version}
    body.update({k: v.value if isinstance(v, Decision) else v for k, v in kw.items()})
    r = Client(headers={"Authorization": f"Token {secret}"}).post(
        f"/api/v1/cases/{case.pk}/transitions", body, content_type="application/json"
    )
    assert r.status_code == 409
    assert r.json()["code"] == GUARDS[guard].code
    assert r.json()["detail"] == GUARDS[guard].reason_nl


@pytest.mark.parametrize("action", [a for a in Action if a != Action.start_triage])
def test_every_other_step_is_refused_on_a_new_referral(kees, anouk, house, action) -> None:
    case = refer(kees, house)
    _, secret = api_token_create(user=anouk, name="t")
    r = Client(headers={"Authorization": f"Token {secret}"}).post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"action": action.value, "expected_version": case.version},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "phase_not_allowed"
    assert "Aanmelding" in r.json()["detail"]


@pytest.mark.parametrize("action", list(Action))
def test_every_step_is_refused_on_a_closed_case(walker, kees, rik, anouk, house, action) -> None:
    case = walker.to_closed(refer(kees, house), rik)
    _, secret = api_token_create(user=anouk, name="t")
    r = Client(headers={"Authorization": f"Token {secret}"}).post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"action": action.value, "expected_version": case.version},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["type"].endswith("/case-closed")
