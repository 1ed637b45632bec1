"""The terms of the case workflow of Bijlage 3 (Art. 8, 12, 13): phases, conference decisions
and actions with their Dutch labels, and the case facts and guards a step can require.

The table of steps and its evaluation are in `domain.transitions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

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
