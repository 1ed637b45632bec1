"""The case workflow of Bijlage 3 (Art. 8, 12, 13) as one table.

Everything the rest of Schakel knows about phases comes from `TRANSITIONS`: the UI shows the
buttons `allowed_actions` returns, the API refuses anything else with the `IllegalTransition`
code and Dutch reason (409), and the docs diagram is `to_mermaid()`. There are no per-phase
``if`` chains elsewhere: add or change a row here.

The functions are pure. `CaseFacts` is a snapshot that the service layer derives from the
stored case (for the *current* round: e.g. `on_agenda` means "on an upcoming agenda now");
this module never reads a database. Deciding whether *this* process director is assigned to
*this* case is the caller's job: it passes `CaseRole` members for the user's relation to the
case next to the user's house `Role` members.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, fields
from types import MappingProxyType

from schakel.domain.roles import ActorRole, CaseRole, Role, actor_role_label_nl
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

# --------------------------------------------------------------------------- the table

_PD = Role.process_director


@dataclass(frozen=True)
class Transition:
    action: Action
    source: Phase
    target: Phase | None  # None: the conference decision decides (DECISION_TARGET)
    allowed: frozenset[ActorRole]
    required_facts: tuple[str, ...]  # keys of GUARDS, checked in this order
    description_nl: str
    covenant_ref: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        Action.start_triage,
        Phase.referral,
        Phase.triage,
        frozenset({_PD}),
        ("has_subjects", "referring_party_set", "referral_reason_set"),
        "De procesregisseur neemt de aanmelding in behandeling en bevraagt relevante partijen.",
        "Bijlage 3, Fase 1; Art. 1.7, 1.8, 12.2b",
    ),
    Transition(
        Action.admit,
        Phase.triage,
        Phase.preparation,
        frozenset({_PD}),
        (
            "has_subjects",
            "target_group",
            "target_group_admissible",
            "municipality_set",
            "referrer_consulted",
            "criteria_assessed",
            "criteria_met",
            "admission_table_set",
        ),
        "De casus voldoet aan de criteria en wordt toegelaten tot een casustafel.",
        "Bijlage 3, Fase 1; Art. 12.2a, 8.1; Bijlage 2",
    ),
    Transition(
        Action.refuse_admission,
        Phase.triage,
        Phase.not_admitted,
        frozenset({_PD}),
        ("refusal_reason_set",),
        "De casus wordt niet toegelaten; de persoonsgegevens worden volgens de bewaartermijn "
        "verwijderd.",
        "Bijlage 3, Fase 1; Art. 12.2a, 1.4",
    ),
    Transition(
        Action.schedule_conference,
        Phase.preparation,
        Phase.case_conference,
        frozenset({Role.conference_secretary, _PD}),
        ("conference_goal_set", "invitations_justified", "on_agenda"),
        "De casus staat op de agenda; alleen rechtmatig en direct betrokken partijen zijn "
        "uitgenodigd.",
        "Bijlage 3, Fase 2; Art. 12.2c-e, 15.2",
    ),
    Transition(
        Action.record_conference_decision,
        Phase.case_conference,
        None,
        frozenset({_PD, Role.conference_secretary}),
        ("decision_motivation_set",),
        "Het besluit van de casustafel wordt vastgelegd; het besluit bepaalt de volgende fase.",
        "Bijlage 3, Fase 3; Art. 8.3, 9.1",
    ),
    Transition(
        Action.adopt_plan,
        Phase.mdo,
        Phase.execution,
        frozenset({_PD}),
        ("case_director_set", "plan_has_actions", "closure_criteria_set", "subject_informer_set"),
        "Het MDO stelt het plan van aanpak vast en wijst de casusregisseur aan.",
        "Bijlage 3, Fase 4; Art. 8.4a-d, 13.1",
    ),
    Transition(
        Action.return_to_conference,
        Phase.execution,
        Phase.case_conference,
        frozenset({_PD, CaseRole.case_director}),
        ("on_agenda",),
        "De voortgang wordt aan de casustafel besproken (monitoren of bijsturen).",
        "Bijlage 3, Fase 3 en 4a; Art. 1.9, 13.3",
    ),
    Transition(
        Action.return_to_mdo,
        Phase.execution,
        Phase.mdo,
        frozenset({_PD, CaseRole.case_director}),
        ("adjustment_reason_set",),
        "Het plan van aanpak wordt in een MDO bijgesteld.",
        "Bijlage 3, Fase 4a; Art. 13.2",
    ),
    Transition(
        Action.decide_closure,
        Phase.execution,
        Phase.closure,
        frozenset({_PD}),
        ("closure_reason_set",),
        "Betrokkenheid van het zorg- en veiligheidshuis is niet langer nodig; afschaling begint.",
        "Bijlage 3, Fase 4a en 5; Art. 1.12, 8.4d",
    ),
    Transition(
        Action.complete_closure,
        Phase.closure,
        Phase.closed,
        frozenset({_PD}),
        ("closure_reason_set", "handover_set"),
        "De afschaling is afgerond; het dossier is alleen-lezen en wordt gefaseerd verwijderd.",
        "Bijlage 3, Fase 5; Art. 1.12",
    ),
)

TRANSITIONS_BY_ACTION: Mapping[Action, Transition] = MappingProxyType(
    {row.action: row for row in TRANSITIONS}
)


def targets_of(row: Transition) -> tuple[Phase, ...]:
    """The phases a row can lead to (all decision targets for the decision row)."""
    if row.target is not None:
        return (row.target,)
    return tuple(dict.fromkeys(DECISION_TARGET[decision] for decision in Decision))


def reachable_phases() -> frozenset[Phase]:
    """Phases reachable from `INITIAL_PHASE` following the table."""
    seen = {INITIAL_PHASE}
    frontier = [INITIAL_PHASE]
    while frontier:
        phase = frontier.pop()
        for row in TRANSITIONS:
            if row.source == phase:
                for target in targets_of(row):
                    if target not in seen:
                        seen.add(target)
                        frontier.append(target)
    return frozenset(seen)


# --------------------------------------------------------------------------- evaluation


class IllegalTransition(Exception):
    """Refused action. `code` is stable (API problem type); `reason_nl` is shown to the user."""

    def __init__(self, reason_nl: str, code: str) -> None:
        super().__init__(f"{code}: {reason_nl}")
        self.reason_nl = reason_nl
        self.code = code


@dataclass(frozen=True)
class Refusal:
    code: str
    reason_nl: str


@dataclass(frozen=True)
class TransitionResult:
    action: Action
    source: Phase
    target: Phase
    decision: Decision | None
    rule: Transition


def _roles_nl(roles: Set[ActorRole]) -> str:
    labels = sorted(actor_role_label_nl(role) for role in roles)
    return " of ".join(labels)


def refusals(
    facts: CaseFacts,
    action: Action,
    actor_roles: Set[ActorRole],
    decision: Decision | None = None,
) -> tuple[Refusal, ...]:
    """Every reason why `action` cannot be taken now; empty when it can.

    A wrong phase is reported alone (the other checks are meaningless then); otherwise the role,
    decision and guard refusals are all listed, so a form can show everything that is missing.
    """
    row = TRANSITIONS_BY_ACTION[action]
    label = ACTION_LABELS_NL[action]
    if facts.phase in FINAL_PHASES:
        return (
            Refusal(
                "phase_final",
                f"De casus is in fase '{PHASE_LABELS_NL[facts.phase]}' en is alleen-lezen; "
                f"'{label}' is niet meer mogelijk.",
            ),
        )
    if facts.phase != row.source:
        return (
            Refusal(
                "phase_not_allowed",
                f"'{label}' kan alleen in fase '{PHASE_LABELS_NL[row.source]}'; de casus is in "
                f"fase '{PHASE_LABELS_NL[facts.phase]}'.",
            ),
        )
    found: list[Refusal] = []
    if not (row.allowed & actor_roles):
        found.append(
            Refusal(
                "role_not_allowed",
                f"Alleen {_roles_nl(row.allowed)} mag '{label}' uitvoeren.",
            )
        )
    if row.target is None:
        if decision is not None and facts.decision is not None and decision != facts.decision:
            found.append(
                Refusal(
                    "decision_mismatch",
                    "Het gekozen besluit verschilt van het besluit dat in het dossier staat.",
                )
            )
        elif decision is None and facts.decision is None:
            options = ", ".join(DECISION_LABELS_NL[option] for option in Decision)
            found.append(
                Refusal("decision_required", f"Kies het besluit van de casustafel: {options}.")
            )
    elif decision is not None:
        found.append(
            Refusal(
                "decision_not_applicable",
                f"Bij '{label}' hoort geen besluit van de casustafel.",
            )
        )
    for name in row.required_facts:
        guard = GUARDS[name]
        if not guard.holds(facts):
            found.append(Refusal(guard.code, guard.reason_nl))
    return tuple(found)


def transition(
    facts: CaseFacts,
    action: Action,
    actor_roles: Set[ActorRole],
    decision: Decision | None = None,
) -> TransitionResult:
    """Check `action` against the table and return where it leads.

    For `record_conference_decision` the decision comes from `decision` or, if None, from
    `facts.decision`. Raises `IllegalTransition` with the first refusal otherwise.
    """
    found = refusals(facts, action, actor_roles, decision)
    if found:
        raise IllegalTransition(found[0].reason_nl, found[0].code)
    row = TRANSITIONS_BY_ACTION[action]
    if row.target is not None:
        return TransitionResult(action, facts.phase, row.target, None, row)
    chosen = decision if decision is not None else facts.decision
    if chosen is None:  # pragma: no cover - refusals() reports decision_required
        raise IllegalTransition("Kies het besluit van de casustafel.", "decision_required")
    return TransitionResult(action, facts.phase, DECISION_TARGET[chosen], chosen, row)


def allowed_actions(facts: CaseFacts, actor_roles: Set[ActorRole]) -> list[Action]:
    """The actions this actor may take now, in table order (the buttons the UI shows).

    Agrees exactly with `transition(facts, action, actor_roles)` without a `decision` argument:
    the conference decision is then taken from `facts.decision`.
    """
    return [row.action for row in TRANSITIONS if not refusals(facts, row.action, actor_roles)]


# --------------------------------------------------------------------------- documentation


def to_mermaid() -> str:
    """A Mermaid ``stateDiagram-v2`` of the table (source of the diagram in the docs)."""
    lines = ["stateDiagram-v2"]
    for phase in Phase:
        lines.append(f'    state "{PHASE_LABELS_NL[phase]}" as {phase.value}')
    lines.append(f"    [*] --> {INITIAL_PHASE.value}")
    for row in TRANSITIONS:
        label = ACTION_LABELS_NL[row.action]
        if row.target is not None:
            lines.append(f"    {row.source.value} --> {row.target.value} : {label}")
            continue
        for target in targets_of(row):
            names = " / ".join(
                DECISION_LABELS_NL[decision]
                for decision in Decision
                if DECISION_TARGET[decision] == target
            )
            lines.append(f"    {row.source.value} --> {target.value} : {label} ({names})")
    for phase in Phase:
        if phase in FINAL_PHASES:
            lines.append(f"    {phase.value} --> [*]")
    return "\n".join(lines) + "\n"


def _check_table() -> None:
    # Fail at import, not in production, if someone edits the table inconsistently.
    field_names = {field.name for field in fields(CaseFacts)}
    for row in TRANSITIONS:
        for name in row.required_facts:
            if name not in GUARDS:
                raise RuntimeError(f"{row.action}: unknown guard {name!r}")
        if row.source in FINAL_PHASES:
            raise RuntimeError(f"{row.action}: leaves a final phase")
    for name in GUARDS:
        if name not in field_names and name not in DERIVED_GUARDS:
            raise RuntimeError(f"guard {name!r} is not a CaseFacts field")
    if len(TRANSITIONS_BY_ACTION) != len(TRANSITIONS) or set(TRANSITIONS_BY_ACTION) != set(Action):
        raise RuntimeError("every Action needs exactly one row")


_check_table()
