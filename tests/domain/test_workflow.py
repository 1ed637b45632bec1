"""The case workflow table: every transition, guard and refusal, plus property tests."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from schakel.domain.roles import ActorRole, CaseRole, Role
from schakel.domain.target_groups import POLARISATION_REFUSAL_NL, TargetGroup
from schakel.domain.transitions import (
    TRANSITIONS,
    TRANSITIONS_BY_ACTION,
    IllegalTransition,
    Transition,
    allowed_actions,
    reachable_phases,
    refusals,
    targets_of,
    to_mermaid,
    transition,
)
from schakel.domain.workflow import (
    ACTION_LABELS_NL,
    DECISION_LABELS_NL,
    DECISION_TARGET,
    DERIVED_GUARDS,
    FINAL_PHASES,
    GUARDS,
    INITIAL_PHASE,
    PHASE_LABELS_NL,
    Action,
    CaseFacts,
    Decision,
    Phase,
)

ALL_ACTORS: tuple[ActorRole, ...] = (*Role, *CaseRole)
BOOL_FACTS = tuple(
    f.name for f in dataclasses.fields(CaseFacts) if f.type in ("bool", bool)
)  # annotations are strings under `from __future__ import annotations`
PD = frozenset({Role.process_director})
EVERYONE: frozenset[ActorRole] = frozenset(ALL_ACTORS)


def complete(
    phase: Phase, decision: Decision | None = Decision.process_direction_house
) -> CaseFacts:
    """Facts with everything filled in, in `phase`."""
    return CaseFacts(
        phase=phase,
        target_group=TargetGroup.top_x,
        decision=decision,
        **dict.fromkeys(BOOL_FACTS, True),
    )


def without(facts: CaseFacts, guard: str) -> CaseFacts:
    """`facts` with exactly one guard made to fail."""
    if guard == "target_group":
        return dataclasses.replace(facts, target_group=None)
    if guard == "target_group_admissible":
        return dataclasses.replace(facts, target_group=TargetGroup.polarisation)
    change: dict[str, Any] = {guard: False}
    return dataclasses.replace(facts, **change)


EXPECTED_TABLE = {
    Action.start_triage: (Phase.referral, Phase.triage, {Role.process_director}),
    Action.admit: (Phase.triage, Phase.preparation, {Role.process_director}),
    Action.refuse_admission: (Phase.triage, Phase.not_admitted, {Role.process_director}),
    Action.schedule_conference: (
        Phase.preparation,
        Phase.case_conference,
        {Role.conference_secretary, Role.process_director},
    ),
    Action.record_conference_decision: (
        Phase.case_conference,
        None,
        {Role.process_director, Role.conference_secretary},
    ),
    Action.adopt_plan: (Phase.mdo, Phase.execution, {Role.process_director}),
    Action.return_to_conference: (
        Phase.execution,
        Phase.case_conference,
        {Role.process_director, CaseRole.case_director},
    ),
    Action.return_to_mdo: (
        Phase.execution,
        Phase.mdo,
        {Role.process_director, CaseRole.case_director},
    ),
    Action.decide_closure: (Phase.execution, Phase.closure, {Role.process_director}),
    Action.complete_closure: (Phase.closure, Phase.closed, {Role.process_director}),
}

EXPECTED_GUARDS = {
    Action.start_triage: ("has_subjects", "referring_party_set", "referral_reason_set"),
    Action.admit: (
        "has_subjects",
        "target_group",
        "target_group_admissible",
        "municipality_set",
        "referrer_consulted",
        "criteria_assessed",
        "criteria_met",
        "admission_table_set",
    ),
    Action.refuse_admission: ("refusal_reason_set",),
    Action.schedule_conference: ("conference_goal_set", "invitations_justified", "on_agenda"),
    Action.record_conference_decision: ("decision_motivation_set",),
    Action.adopt_plan: (
        "case_director_set",
        "plan_has_actions",
        "closure_criteria_set",
        "subject_informer_set",
    ),
    Action.return_to_conference: ("on_agenda",),
    Action.return_to_mdo: ("adjustment_reason_set",),
    Action.decide_closure: ("closure_reason_set",),
    Action.complete_closure: ("closure_reason_set", "handover_set"),
}


# ------------------------------------------------------------------ the table itself


def test_table_has_one_row_per_action_as_specified() -> None:
    assert [row.action for row in TRANSITIONS] == list(Action)
    for action, (source, target, allowed) in EXPECTED_TABLE.items():
        row = TRANSITIONS_BY_ACTION[action]
        assert (row.source, row.target, set(row.allowed)) == (source, target, allowed)
        assert row.required_facts == EXPECTED_GUARDS[action]


@pytest.mark.parametrize("row", TRANSITIONS, ids=lambda row: row.action.value)
def test_every_row_is_documented(row: Transition) -> None:
    assert row.description_nl.strip()
    assert re.search(r"(Bijlage \d|Art\. \d)", row.covenant_ref)
    assert all(name in GUARDS for name in row.required_facts)


def test_labels_are_complete_and_dutch() -> None:
    assert set(PHASE_LABELS_NL) == set(Phase)
    assert set(ACTION_LABELS_NL) == set(Action)
    assert set(DECISION_LABELS_NL) == set(Decision)
    assert PHASE_LABELS_NL[Phase.case_conference] == "Regionale Casustafel"
    assert DECISION_LABELS_NL[Decision.process_direction_elsewhere] == "Procesregie elders dan VHH"
    assert all(label.strip() for label in ACTION_LABELS_NL.values())


def test_guards_name_case_facts_fields() -> None:
    field_names = {f.name for f in dataclasses.fields(CaseFacts)}
    for name, guard in GUARDS.items():
        assert name in field_names or name in DERIVED_GUARDS
        assert guard.reason_nl.strip()
        if name not in DERIVED_GUARDS:
            assert guard.code == f"missing_fact:{name}"


def test_decision_targets() -> None:
    assert dict(DECISION_TARGET) == {
        Decision.scale_down: Phase.closure,
        Decision.process_direction_elsewhere: Phase.closure,
        Decision.process_direction_house: Phase.mdo,
        Decision.isd: Phase.execution,
        Decision.zsm_advice: Phase.execution,
    }


def test_every_phase_is_reachable_and_finals_are_sinks() -> None:
    assert reachable_phases() == frozenset(Phase)
    assert Phase.referral == INITIAL_PHASE
    assert {Phase.closed, Phase.not_admitted} == FINAL_PHASES
    assert not [row for row in TRANSITIONS if row.source in FINAL_PHASES]
    non_final_sources = {row.source for row in TRANSITIONS}
    assert non_final_sources == set(Phase) - FINAL_PHASES  # no dead ends before the end


def test_role_and_case_role_values_are_disjoint() -> None:
    assert not {r.value for r in Role} & {r.value for r in CaseRole}


# ------------------------------------------------------------------ successful transitions


@pytest.mark.parametrize("row", TRANSITIONS, ids=lambda row: row.action.value)
@pytest.mark.parametrize("actor", ALL_ACTORS, ids=str)
def test_each_actor_for_each_transition(row: Transition, actor: ActorRole) -> None:
    facts = complete(row.source)
    roles = frozenset({actor})
    if actor in row.allowed:
        result = transition(facts, row.action, roles)
        assert result.source == row.source
        assert result.target in targets_of(row)
        assert result.rule is row
    else:
        with pytest.raises(IllegalTransition) as err:
            transition(facts, row.action, roles)
        assert err.value.code == "role_not_allowed"
        assert err.value.reason_nl.startswith("Alleen ")


@pytest.mark.parametrize("decision", list(Decision), ids=str)
def test_record_decision_leads_where_the_decision_says(decision: Decision) -> None:
    # via the argument
    facts = complete(Phase.case_conference, decision=None)
    result = transition(facts, Action.record_conference_decision, PD, decision=decision)
    assert (result.target, result.decision) == (DECISION_TARGET[decision], decision)
    # via the facts
    facts = complete(Phase.case_conference, decision=decision)
    result = transition(facts, Action.record_conference_decision, PD)
    assert (result.target, result.decision) == (DECISION_TARGET[decision], decision)
    # both, agreeing
    result = transition(facts, Action.record_conference_decision, PD, decision=decision)
    assert result.target == DECISION_TARGET[decision]


def test_decision_required() -> None:
    facts = complete(Phase.case_conference, decision=None)
    with pytest.raises(IllegalTransition) as err:
        transition(facts, Action.record_conference_decision, PD)
    assert err.value.code == "decision_required"
    assert "Afschalen" in err.value.reason_nl
    assert Action.record_conference_decision not in allowed_actions(facts, PD)


def test_decision_mismatch() -> None:
    facts = complete(Phase.case_conference, decision=Decision.isd)
    with pytest.raises(IllegalTransition) as err:
        transition(facts, Action.record_conference_decision, PD, decision=Decision.scale_down)
    assert err.value.code == "decision_mismatch"


@pytest.mark.parametrize(
    "action", [a for a in Action if a != Action.record_conference_decision], ids=str
)
def test_decision_not_applicable_elsewhere(action: Action) -> None:
    facts = complete(TRANSITIONS_BY_ACTION[action].source)
    transition(facts, action, EVERYONE)  # fine without
    with pytest.raises(IllegalTransition) as err:
        transition(facts, action, EVERYONE, decision=Decision.isd)
    assert err.value.code == "decision_not_applicable"


@pytest.mark.parametrize("decision", list(Decision), ids=str)
def test_full_paths(decision: Decision) -> None:
    """From referral to closed, through the conference decision under test."""
    phase = INITIAL_PHASE
    path = [phase]
    steps = [Action.start_triage, Action.admit, Action.schedule_conference]
    for action in steps:
        phase = transition(complete(phase), action, PD).target
        path.append(phase)
    phase = transition(
        complete(phase, decision=None), Action.record_conference_decision, PD, decision=decision
    ).target
    path.append(phase)
    if phase == Phase.mdo:
        phase = transition(complete(phase), Action.adopt_plan, PD).target
        path.append(phase)
    if phase == Phase.execution:
        phase = transition(complete(phase), Action.decide_closure, PD).target
        path.append(phase)
    phase = transition(complete(phase), Action.complete_closure, PD).target
    path.append(phase)
    assert path[0] == Phase.referral
    assert path[-1] == Phase.closed
    assert DECISION_TARGET[decision] in path


def test_execution_loops_back() -> None:
    director = frozenset({CaseRole.case_director})
    facts = complete(Phase.execution)
    assert allowed_actions(facts, director) == [Action.return_to_conference, Action.return_to_mdo]
    assert transition(facts, Action.return_to_conference, director).target == Phase.case_conference
    assert transition(facts, Action.return_to_mdo, director).target == Phase.mdo
    assert allowed_actions(facts, PD) == [
        Action.return_to_conference,
        Action.return_to_mdo,
        Action.decide_closure,
    ]


def test_refused_admission_path() -> None:
    facts = CaseFacts(phase=Phase.triage, refusal_reason_set=True)
    assert allowed_actions(facts, PD) == [Action.refuse_admission]
    assert transition(facts, Action.refuse_admission, PD).target == Phase.not_admitted


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize("phase", list(Phase), ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_phase_refusals(phase: Phase, action: Action) -> None:
    row = TRANSITIONS_BY_ACTION[action]
    facts = complete(phase)
    if phase == row.source:
        transition(facts, action, EVERYONE)
        return
    with pytest.raises(IllegalTransition) as err:
        transition(facts, action, EVERYONE)
    if phase in FINAL_PHASES:
        assert err.value.code == "phase_final"
        assert "alleen-lezen" in err.value.reason_nl
    else:
        assert err.value.code == "phase_not_allowed"
        assert PHASE_LABELS_NL[row.source] in err.value.reason_nl
    assert action not in allowed_actions(facts, EVERYONE)


@pytest.mark.parametrize("phase", sorted(FINAL_PHASES), ids=str)
def test_final_phases_accept_nothing(phase: Phase) -> None:
    assert allowed_actions(complete(phase), EVERYONE) == []


GUARD_CASES = [(action, guard) for action, guards in EXPECTED_GUARDS.items() for guard in guards]


@pytest.mark.parametrize(("action", "guard"), GUARD_CASES, ids=lambda v: str(v))
def test_each_guard_refuses_with_its_code(action: Action, guard: str) -> None:
    row = TRANSITIONS_BY_ACTION[action]
    facts = without(complete(row.source), guard)
    with pytest.raises(IllegalTransition) as err:
        transition(facts, action, EVERYONE)
    assert err.value.code == GUARDS[guard].code
    assert err.value.reason_nl == GUARDS[guard].reason_nl
    assert [r.code for r in refusals(facts, action, EVERYONE)] == [GUARDS[guard].code]
    assert action not in allowed_actions(facts, EVERYONE)


def test_polarisation_is_refused_at_admission() -> None:
    facts = dataclasses.replace(complete(Phase.triage), target_group=TargetGroup.polarisation)
    with pytest.raises(IllegalTransition) as err:
        transition(facts, Action.admit, PD)
    assert err.value.code == "target_group_excluded"
    assert err.value.reason_nl == POLARISATION_REFUSAL_NL
    # the way out is refusing admission
    assert allowed_actions(facts, PD) == [Action.refuse_admission]


def test_criteria_not_met_blocks_admission() -> None:
    facts = dataclasses.replace(complete(Phase.triage), criteria_met=False)
    with pytest.raises(IllegalTransition) as err:
        transition(facts, Action.admit, PD)
    assert err.value.code == "missing_fact:criteria_met"
    assert "Bijlage 2" in err.value.reason_nl


def test_refusals_lists_everything_and_transition_raises_the_first() -> None:
    facts = CaseFacts(phase=Phase.mdo)
    found = refusals(facts, Action.adopt_plan, frozenset({Role.manager}))
    assert [r.code for r in found] == [
        "role_not_allowed",
        "missing_fact:case_director_set",
        "missing_fact:plan_has_actions",
        "missing_fact:closure_criteria_set",
        "missing_fact:subject_informer_set",
    ]
    with pytest.raises(IllegalTransition) as err:
        transition(facts, Action.adopt_plan, frozenset({Role.manager}))
    assert err.value.code == "role_not_allowed"
    assert str(err.value).startswith("role_not_allowed: ")


def test_no_roles_means_nothing_allowed() -> None:
    for phase in Phase:
        assert allowed_actions(complete(phase), frozenset()) == []


def test_illegal_transition_carries_reason_and_code() -> None:
    exc = IllegalTransition("Reden", "some_code")
    assert (exc.reason_nl, exc.code) == ("Reden", "some_code")


# ------------------------------------------------------------------ diagram


def test_mermaid_is_generated_from_the_table() -> None:
    text = to_mermaid()
    assert text.startswith("stateDiagram-v2\n")
    for phase in Phase:
        assert f'state "{PHASE_LABELS_NL[phase]}" as {phase.value}' in text
    edges = re.findall(r"^    (\w+) --> (\w+) : (.+)$", text, flags=re.MULTILINE)
    expected = {
        (row.source.value, target.value) for row in TRANSITIONS for target in targets_of(row)
    }
    assert {(a, b) for a, b, _ in edges} == expected
    assert all(":" not in label for _, _, label in edges)
    assert "case_conference --> closure : Besluit casustafel vastleggen (Afschalen / " in text
    assert "    [*] --> referral" in text
    assert "    closed --> [*]" in text
    assert "    not_admitted --> [*]" in text


# ------------------------------------------------------------------ properties

ROLE_SETS = st.frozensets(st.sampled_from(ALL_ACTORS), max_size=3)
# Walks must get somewhere: actors are often the process director, changes mostly fill facts in.
WALK_ROLES = st.one_of(st.just(PD), ROLE_SETS)
FACT_CHANGES = st.one_of(
    st.just(dict.fromkeys(BOOL_FACTS, True)),
    st.dictionaries(st.sampled_from(BOOL_FACTS), st.booleans(), max_size=len(BOOL_FACTS)),
)
EDGES = {(row.source, target) for row in TRANSITIONS for target in targets_of(row)}
REACHABLE = reachable_phases()


@st.composite
def facts_in_any_phase(draw: st.DrawFn, phases: tuple[Phase, ...] = tuple(Phase)) -> CaseFacts:
    return CaseFacts(
        phase=draw(st.sampled_from(phases)),
        target_group=draw(st.none() | st.sampled_from(list(TargetGroup))),
        decision=draw(st.none() | st.sampled_from(list(Decision))),
        **draw(st.fixed_dictionaries({name: st.booleans() for name in BOOL_FACTS})),
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_random_walks_stay_on_the_table(data: st.DataObject) -> None:
    """Random (action, roles, decision, fact changes) from the start never leave the table.

    Half of the actions are drawn from the rows of the current phase, so walks get past triage;
    the other half are any action at all.
    """
    facts = CaseFacts(phase=INITIAL_PHASE)
    for _ in range(data.draw(st.integers(1, 40), label="steps")):
        here = [row.action for row in TRANSITIONS if row.source == facts.phase] or list(Action)
        action = data.draw(st.sampled_from(here) | st.sampled_from(list(Action)), label="action")
        roles = data.draw(WALK_ROLES, label="roles")
        decision = data.draw(st.sampled_from(list(Decision)) | st.none(), label="decision")
        changes: dict[str, Any] = data.draw(FACT_CHANGES, label="changes")
        changes["target_group"] = data.draw(st.sampled_from(list(TargetGroup)) | st.none())
        changes["decision"] = data.draw(st.sampled_from(list(Decision)) | st.none())
        facts = dataclasses.replace(facts, **changes)
        before = facts.phase
        try:
            result = transition(facts, action, roles, decision=decision)
        except IllegalTransition as exc:
            refused = (exc.code, exc.reason_nl)
            assert all(refused)
            continue
        assert before not in FINAL_PHASES
        assert (before, result.target) in EDGES
        assert result.target in REACHABLE
        facts = dataclasses.replace(facts, phase=result.target)
        event(f"reached {result.target}")


@settings(max_examples=500, deadline=None)
@given(facts=facts_in_any_phase(), roles=ROLE_SETS)
def test_allowed_actions_agrees_with_transition(
    facts: CaseFacts, roles: frozenset[ActorRole]
) -> None:
    allowed = allowed_actions(facts, roles)
    for action in Action:
        if action in allowed:
            result = transition(facts, action, roles)  # never raises
            assert (facts.phase, result.target) in EDGES
        else:
            with pytest.raises(IllegalTransition):
                transition(facts, action, roles)


@settings(max_examples=200, deadline=None)
@given(
    facts=facts_in_any_phase(tuple(sorted(FINAL_PHASES))),
    roles=ROLE_SETS,
    decision=st.none() | st.sampled_from(list(Decision)),
)
def test_final_phases_refuse_every_action(
    facts: CaseFacts, roles: frozenset[ActorRole], decision: Decision | None
) -> None:
    assert allowed_actions(facts, roles) == []
    for action in Action:
        with pytest.raises(IllegalTransition) as err:
            transition(facts, action, roles, decision=decision)
        assert err.value.code == "phase_final"


def test_bool_facts_cover_all_boolean_fields() -> None:
    # guards the BOOL_FACTS helper itself (string annotations)
    others = {f.name for f in dataclasses.fields(CaseFacts)} - set(BOOL_FACTS)
    assert others == {"phase", "target_group", "decision"}
