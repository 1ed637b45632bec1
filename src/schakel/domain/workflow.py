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

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType

from schakel.domain.roles import ActorRole, CaseRole, Role, actor_role_label_nl
from schakel.domain.target_groups import (
    POLARISATION_REFUSAL_NL,
    TargetGroup,
    referral_refusal_reason,
)

# --------------------------------------------------------------------------- phases


class Phase(StrEnum):
    referral = "referral"
    triage = "triage"
    preparation = "preparation"
    case_conference = "case_conference"
    mdo = "mdo"
    execution = "execution"
    closure = "closure"
    closed = "closed"
    not_admitted = "not_admitted"


PHASE_LABELS_NL: Mapping[Phase, str] = MappingProxyType(
    {
        Phase.referral: "Aanmelding",
        Phase.triage: "Triage",
        Phase.preparation: "Voorbereiding casustafel",
        Phase.case_conference: "Regionale Casustafel",
        Phase.mdo: "MDO",
        Phase.execution: "Uitvoering plan van aanpak",
        Phase.closure: "Afschaling",
        Phase.closed: "Afgesloten",
        Phase.not_admitted: "Niet toegelaten",
    }
)

INITIAL_PHASE = Phase.referral

FINAL_PHASES: frozenset[Phase] = frozenset({Phase.closed, Phase.not_admitted})
"""Read-only: no action leaves them. What happens to the data then is retention's business."""

# --------------------------------------------------------------------------- decisions


class Decision(StrEnum):
    """The decisions a Regionale Casustafel can take per case (Bijlage 3, Fase 3)."""

    scale_down = "scale_down"
    process_direction_elsewhere = "process_direction_elsewhere"
    process_direction_house = "process_direction_house"
    isd = "isd"
    zsm_advice = "zsm_advice"


DECISION_LABELS_NL: Mapping[Decision, str] = MappingProxyType(
    {
        Decision.scale_down: "Afschalen",
        Decision.process_direction_elsewhere: "Procesregie elders dan VHH",
        Decision.process_direction_house: "Procesregie VHH",
        Decision.isd: "ISD",
        Decision.zsm_advice: "ZSM advies",
    }
)

DECISION_TARGET: Mapping[Decision, Phase] = MappingProxyType(
    {
        # Art. 1.12: the house is no longer needed.
        Decision.scale_down: Phase.closure,
        # Another organisation directs the process: the house steps back and hands over.
        Decision.process_direction_elsewhere: Phase.closure,
        # The house directs the process: the plan is written in an MDO (Fase 4, Art. 1.10).
        Decision.process_direction_house: Phase.mdo,
        # ISD track (Inrichting Stelselmatige Daders): the house monitors it at the table.
        Decision.isd: Phase.execution,
        # ZSM advice is recorded; the house monitors what becomes of it.
        Decision.zsm_advice: Phase.execution,
    }
)

# --------------------------------------------------------------------------- actions


class Action(StrEnum):
    start_triage = "start_triage"
    admit = "admit"
    refuse_admission = "refuse_admission"
    schedule_conference = "schedule_conference"
    record_conference_decision = "record_conference_decision"
    adopt_plan = "adopt_plan"
    return_to_conference = "return_to_conference"
    return_to_mdo = "return_to_mdo"
    decide_closure = "decide_closure"
    complete_closure = "complete_closure"


ACTION_LABELS_NL: Mapping[Action, str] = MappingProxyType(
    {
        Action.start_triage: "Triage starten",
        Action.admit: "Toelaten",
        Action.refuse_admission: "Niet toelaten",
        Action.schedule_conference: "Agenderen voor casustafel",
        Action.record_conference_decision: "Besluit casustafel vastleggen",
        Action.adopt_plan: "Plan van aanpak vaststellen",
        Action.return_to_conference: "Terug naar casustafel",
        Action.return_to_mdo: "Terug naar MDO",
        Action.decide_closure: "Besluiten tot afschaling",
        Action.complete_closure: "Afschaling afronden",
    }
)

# --------------------------------------------------------------------------- facts and guards


@dataclass(frozen=True)
class CaseFacts:
    """What the workflow needs to know about a case; pure data, filled by the service layer.

    A boolean ``*_set`` fact means "recorded and non-empty" (the reason, the choice, the link).
    """

    phase: Phase
    # Fase 1, Aanmelding en triage (Art. 1.7, 1.8, 12.2a-b)
    has_subjects: bool = False  # at least one Betrokkene
    referring_party_set: bool = False  # Art. 1.7: referred by a party
    referral_reason_set: bool = False
    target_group: TargetGroup | None = None  # Art. 2.3
    municipality_set: bool = False  # Art. 2.1, Fase 1: "in ieder geval de betrokken gemeente"
    referrer_consulted: bool = False  # Art. 12.2a: judged "in overleg met" the referring party
    criteria_assessed: bool = False  # all four criteria, each with a motivation (Bijlage 2)
    criteria_met: bool = False  # the combination rule (criteria.assess) holds
    admission_table_set: bool = False  # Fase 1: "op welke casustafel"
    refusal_reason_set: bool = False
    # Fase 2, Voorbereiden casustafel (Art. 12.2c-e, 15.2)
    conference_goal_set: bool = False  # goal, types of decision, themes (Art. 12.2c)
    invitations_justified: bool = False  # >= 1 invited party, each with its lawful ground
    on_agenda: bool = False  # on the agenda of an upcoming conference
    # Fase 3, Regionale Casustafel
    decision: Decision | None = None
    decision_motivation_set: bool = False
    # Fase 4, MDO (Art. 8.4, 13.1)
    case_director_set: bool = False
    plan_has_actions: bool = False
    closure_criteria_set: bool = False  # Art. 8.4d
    subject_informer_set: bool = False  # Fase 4: "wie de cliënt informeert"
    # Fase 4a, Uitvoeren plan van aanpak
    adjustment_reason_set: bool = False  # why the plan goes back to the MDO
    # Fase 5, Afschaling (Art. 1.12)
    closure_reason_set: bool = False
    handover_set: bool = False  # hand-over to the partners that continue


@dataclass(frozen=True)
class Guard:
    """A condition a transition requires; `name` is what `Transition.required_facts` lists."""

    name: str
    code: str
    reason_nl: str
    holds: Callable[[CaseFacts], bool]


def _true(name: str) -> Callable[[CaseFacts], bool]:
    def holds(facts: CaseFacts) -> bool:
        return getattr(facts, name) is True

    return holds


def _fact(name: str, reason_nl: str) -> Guard:
    return Guard(name, f"missing_fact:{name}", reason_nl, _true(name))


_GUARD_LIST: tuple[Guard, ...] = (
    _fact("has_subjects", "Leg ten minste één betrokkene vast."),
    _fact("referring_party_set", "Leg vast welke partij de casus aanmeldt (Art. 1.7)."),
    _fact("referral_reason_set", "Leg de reden van aanmelding vast."),
    Guard(
        "target_group",
        "missing_fact:target_group",
        "Kies de doelgroep van de casus (Art. 2.3).",
        lambda facts: facts.target_group is not None,
    ),
    Guard(
        # Backstop only: the referral form already refuses polarisation cases. A case that
        # turns out to be one during triage leaves the workflow via refuse_admission.
        "target_group_admissible",
        "target_group_excluded",
        POLARISATION_REFUSAL_NL,
        lambda facts: (
            facts.target_group is None or referral_refusal_reason(facts.target_group) is None
        ),
    ),
    _fact(
        "municipality_set",
        "Leg vast om welke gemeente het gaat; de gemeente heeft altijd een rol "
        "(Art. 2.1; Bijlage 3, Fase 1).",
    ),
    _fact(
        "referrer_consulted",
        "Leg vast dat de beoordeling in overleg met de aanmeldende partij is gedaan (Art. 12.2a).",
    ),
    _fact(
        "criteria_assessed",
        "Beoordeel alle vier criteria voor complexe casuïstiek, elk met een motivering "
        "(Bijlage 2).",
    ),
    _fact(
        "criteria_met",
        "De casus voldoet niet aan de criteria voor complexe casuïstiek (Bijlage 2); "
        "kies 'Niet toelaten'.",
    ),
    _fact(
        "admission_table_set",
        "Kies op welke casustafel de casus wordt besproken (Bijlage 3, Fase 1).",
    ),
    _fact("refusal_reason_set", "Leg vast waarom de casus niet wordt toegelaten."),
    _fact(
        "conference_goal_set",
        "Leg het doel van de casustafel, het type besluiten en de gespreksthema's vast "
        "(Art. 12.2c).",
    ),
    _fact(
        "invitations_justified",
        "Nodig ten minste één partij uit en leg per partij vast waarom zij rechtmatig en direct "
        "betrokken is (Art. 12.2e, 15.2).",
    ),
    _fact("on_agenda", "Zet de casus op de agenda van een casustafel (Art. 12.2d, 15.2)."),
    _fact("decision_motivation_set", "Leg de motivering van het besluit van de casustafel vast."),
    _fact("case_director_set", "Wijs een casusregisseur aan (Art. 8.4a, 13.1)."),
    _fact("plan_has_actions", "Neem ten minste één actie op in het plan van aanpak (Art. 8.4b)."),
    _fact("closure_criteria_set", "Leg de criteria voor afschaling vast (Art. 8.4d)."),
    _fact(
        "subject_informer_set",
        "Leg vast wie de betrokkene informeert (Bijlage 3, Fase 4).",
    ),
    _fact("adjustment_reason_set", "Leg vast waarom het plan van aanpak wordt bijgesteld."),
    _fact("closure_reason_set", "Leg de reden van afschaling vast (Art. 1.12)."),
    _fact(
        "handover_set",
        "Leg de overdracht aan de betrokken partners vast (Bijlage 3, Fase 5).",
    ),
)

GUARDS: Mapping[str, Guard] = MappingProxyType({guard.name: guard for guard in _GUARD_LIST})

DERIVED_GUARDS: frozenset[str] = frozenset({"target_group_admissible"})
"""Guards that are not a `CaseFacts` field of their own (computed from one)."""

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
