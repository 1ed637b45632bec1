"""The retention schedule (privacy protocol art. 11; Art. 1.12; Bijlage 3, Fase 5) and due dates.

Retention is the house's own policy, so the schedule is data: a house may replace
`DEFAULT_SCHEDULE` (DOMAIN.md, "Privacy practice") as long as `validate_schedule` finds nothing.
The functions are pure; the service layer passes `RetentionFacts` per case and carries out what
`due_actions` says is due (and records which rules it carried out in `RetentionFacts.done`).

Readings chosen where the texts are silent:

* The clock of a closed case starts on the day of `complete_closure` (phase `closed`), not on
  the decision to close: during Afschaling the hand-over is still running (Bijlage 3, Fase 5).
  Any other phase is open and nothing is due, whatever stale dates it carries. Dates are local
  calendar dates (Europe/Amsterdam); the caller converts its timestamps.
* Months are calendar months, clamped to the end of the month (31 August + 6 months = 28/29
  February; 29 February + 2 years = 28 February). A retention period is a maximum, so clamping
  down never keeps data longer than the schedule says. (covenant.py rounds 29 February *up* to
  1 March on purpose: there the period is a minimum.) Months are added first, then days.
* A legal hold pauses *deletion* only: restricting access keeps the data too, so a hold has no
  reason to delay it. The hold's end date is its last day; a deletion may run the day after.
  While a hold is active, every deletion due on or before its end date is `held`.
* A person's record is shared by every case they are a subject in. Deleting a case's identity
  removes the link to that case; the person goes only when no other case still links to them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from schakel.domain.roles import Role
from schakel.domain.workflow import Phase

# --------------------------------------------------------------------------- periods


def add_months(start: date, months: int) -> date:
    """`start` plus calendar months, clamped to the last day of the target month."""
    years, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month_index + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """Calendar months plus days, so "3 maanden" and "2 jaar" are exact. May be negative (the
    schedule validation reports that). Two periods have no total order (1 month vs 30 days)."""

    months: int = 0
    days: int = 0

    @classmethod
    def of(cls, *, years: int = 0, months: int = 0, days: int = 0) -> Period:
        return cls(years * 12 + months, days)

    def after(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(days=self.days)

    @property
    def negative(self) -> bool:
        return self.months < 0 or self.days < 0

    def label_nl(self) -> str:
        years, months = divmod(self.months, 12) if self.months >= 0 else (0, self.months)
        parts = []
        if years:
            parts.append(f"{years} jaar")
        if months:
            parts.append(f"{months} {'maand' if abs(months) == 1 else 'maanden'}")
        if self.days:
            parts.append(f"{self.days} {'dag' if abs(self.days) == 1 else 'dagen'}")
        if not parts:
            return "direct"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _may_end_before(first: Period, second: Period) -> bool:
    """Is there a start date on which `first` ends strictly before `second`?"""
    if first.months >= second.months and first.days >= second.days:
        return False  # adding months is strictly increasing, so never earlier
    if first.months <= second.months and first.days <= second.days:
        return True  # not equal (the case above), so always earlier
    # Mixed (e.g. 1 month vs 30 days): try every start in a leap cycle, every month end included.
    start = date(2021, 1, 1)
    return any(
        first.after(day) < second.after(day)
        for day in (start + timedelta(days=offset) for offset in range(4 * 365 + 1))
    )


# --------------------------------------------------------------------------- the schedule


class DataClass(StrEnum):
    referral_personal_data = "referral_personal_data"  # a referral that was not admitted
    case_access = "case_access"  # who may still read a closed case
    case_content = "case_content"  # information items, minutes about the person, plan details
    case_identity = "case_identity"  # identity and any remaining link to the person


class Trigger(StrEnum):
    """The event that starts the clock."""

    triage_refused = "triage_refused"  # the decision date of 'Niet toelaten'
    case_closed = "case_closed"  # 'Afschaling afronden': phase closed


class Effect(StrEnum):
    restrict = "restrict"
    delete_content = "delete_content"
    delete_identity = "delete_identity"  # the last step: nothing about the person remains


DATA_CLASS_LABELS_NL: Mapping[DataClass, str] = MappingProxyType(
    {
        DataClass.referral_personal_data: "Persoonsgegevens van een niet-toegelaten aanmelding",
        DataClass.case_access: "Toegang tot de afgesloten casus",
        DataClass.case_content: "Inhoud van de casus",
        DataClass.case_identity: "Identiteit en koppeling aan de betrokkene",
    }
)
TRIGGER_LABELS_NL: Mapping[Trigger, str] = MappingProxyType(
    {Trigger.triage_refused: "het besluit niet toe te laten", Trigger.case_closed: "afsluiting"}
)
EFFECT_LABELS_NL: Mapping[Effect, str] = MappingProxyType(
    {
        Effect.restrict: "Toegang beperken",
        Effect.delete_content: "Inhoud verwijderen",
        Effect.delete_identity: "Alle persoonsgegevens verwijderen",
    }
)

# Each data class has exactly one rule, with this trigger and effect; a house sets the period,
# the legal reference and the wording.
CLASS_TRIGGER: Mapping[DataClass, Trigger] = MappingProxyType(
    {
        DataClass.referral_personal_data: Trigger.triage_refused,
        DataClass.case_access: Trigger.case_closed,
        DataClass.case_content: Trigger.case_closed,
        DataClass.case_identity: Trigger.case_closed,
    }
)
CLASS_EFFECT: Mapping[DataClass, Effect] = MappingProxyType(
    {
        DataClass.referral_personal_data: Effect.delete_identity,
        DataClass.case_access: Effect.restrict,
        DataClass.case_content: Effect.delete_content,
        DataClass.case_identity: Effect.delete_identity,
    }
)

# Who may still read a restricted case (policy.py applies it); nobody changes it: final phase.
RESTRICTED_READERS: frozenset[Role] = frozenset({Role.process_director, Role.privacy_officer})


@dataclass(frozen=True)
class RetentionRule:
    code: str
    data_class: DataClass
    trigger: Trigger
    period: Period
    effect: Effect
    legal_reference: str
    description_nl: str


DEFAULT_SCHEDULE: tuple[RetentionRule, ...] = (
    RetentionRule(
        "referral_not_admitted",
        DataClass.referral_personal_data,
        Trigger.triage_refused,
        Period.of(months=3),
        Effect.delete_identity,
        "Privacyprotocol art. 11; Convenant art. 1.4, 12.2a; Bijlage 3 Fase 1; "
        "AVG art. 5 lid 1 sub e",
        "De aanmelding is niet toegelaten: de persoonsgegevens worden verwijderd.",
    ),
    RetentionRule(
        "closed_restrict",
        DataClass.case_access,
        Trigger.case_closed,
        Period(),
        Effect.restrict,
        "Privacyprotocol art. 11; Convenant art. 1.12, 18.3; Bijlage 3 Fase 5",
        "De casus is afgesloten: alleen-lezen, en alleen nog in te zien door de procesregisseur "
        "en de privacyfunctionaris.",
    ),
    RetentionRule(
        "closed_content",
        DataClass.case_content,
        Trigger.case_closed,
        Period.of(months=6),
        Effect.delete_content,
        "Privacyprotocol art. 11; Convenant art. 1.12; Bijlage 3 Fase 5; AVG art. 5 lid 1 sub e",
        "Informatie-items, verslagen over de betrokkene en de inhoud van het plan van aanpak "
        "worden verwijderd.",
    ),
    RetentionRule(
        "closed_identity",
        DataClass.case_identity,
        Trigger.case_closed,
        Period.of(years=2),
        Effect.delete_identity,
        "Privacyprotocol art. 11; Convenant art. 1.12; Bijlage 3 Fase 5; AVG art. 5 lid 1 sub e",
        "De identiteit van de betrokkenen en elke resterende koppeling met hen worden verwijderd; "
        "alleen anonieme tellingen blijven over.",
    ),
)


def _only(rules: Sequence[RetentionRule], data_class: DataClass) -> RetentionRule | None:
    found = [rule for rule in rules if rule.data_class == data_class]
    return found[0] if len(found) == 1 else None


def validate_schedule(rules: Iterable[RetentionRule]) -> list[str]:
    """Every problem with a (house's) schedule, in Dutch; empty when it may be used."""
    rules = tuple(rules)
    problems: list[str] = []
    seen: set[str] = set()
    for rule in rules:
        name = f"Regel '{rule.code}'"
        if not rule.code.strip():
            problems.append("Een regel heeft geen code.")
        elif rule.code in seen:
            problems.append(f"De code '{rule.code}' komt meer dan eens voor.")
        seen.add(rule.code)
        if rule.period.negative:
            problems.append(f"{name}: de termijn ({rule.period.label_nl()}) is negatief.")
        if rule.trigger != CLASS_TRIGGER[rule.data_class]:
            problems.append(
                f"{name}: de termijn voor '{DATA_CLASS_LABELS_NL[rule.data_class]}' begint bij "
                f"{TRIGGER_LABELS_NL[CLASS_TRIGGER[rule.data_class]]}."
            )
        if rule.effect != CLASS_EFFECT[rule.data_class]:
            problems.append(
                f"{name}: bij '{DATA_CLASS_LABELS_NL[rule.data_class]}' hoort het gevolg "
                f"'{EFFECT_LABELS_NL[CLASS_EFFECT[rule.data_class]]}'."
            )
        if not rule.legal_reference.strip():
            problems.append(f"{name} heeft geen wettelijke grondslag of verwijzing.")
        if not rule.description_nl.strip():
            problems.append(f"{name} heeft geen omschrijving.")
    for data_class in DataClass:
        count = sum(rule.data_class == data_class for rule in rules)
        if count == 0:
            problems.append(f"Er is geen regel voor '{DATA_CLASS_LABELS_NL[data_class]}'.")
        elif count > 1:
            problems.append(
                f"Er zijn {count} regels voor '{DATA_CLASS_LABELS_NL[data_class]}'; één is nodig."
            )
    access = _only(rules, DataClass.case_access)
    content = _only(rules, DataClass.case_content)
    identity = _only(rules, DataClass.case_identity)
    # Identity goes last (Art. 1.12, "uiteindelijk verdwijnt"): content left without its identity
    # would still be about a person, but could no longer be found for an access request.
    if content and identity and _may_end_before(identity.period, content.period):
        problems.append(
            f"De identiteit (regel '{identity.code}', {identity.period.label_nl()}) kan eerder "
            f"worden verwijderd dan de inhoud (regel '{content.code}', "
            f"{content.period.label_nl()})."
        )
    if access and content and _may_end_before(content.period, access.period):
        problems.append(
            f"De toegang (regel '{access.code}') wordt pas beperkt nadat de inhoud is verwijderd."
        )
    return problems


@lru_cache(maxsize=32)
def _checked(rules: tuple[RetentionRule, ...]) -> tuple[RetentionRule, ...]:
    problems = validate_schedule(rules)
    if problems:
        # An invalid schedule never drives a deletion: deleting means gone (ARCHITECTURE rule 6).
        raise ValueError("Ongeldig bewaarschema: " + " ".join(problems))
    return rules


# --------------------------------------------------------------------------- facts and due dates


@dataclass(frozen=True)
class SubjectFacts:
    subject_id: str
    # Every OTHER case that still links to this person: open cases, and closed ones whose
    # identity deletion has not run yet (the person's record is shared by all of them).
    other_open_cases: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RetentionFacts:
    """What retention needs to know about one case; filled by the service layer."""

    case_id: str
    phase: Phase
    closed_at: date | None = None  # the day of the latest 'Afschaling afronden'
    not_admitted_at: date | None = None  # the day of the triage decision 'Niet toelaten'
    reopened_at: date | None = None  # the latest reopening; the clock restarts at the closure
    legal_hold_until: date | None = None  # last day of the hold (inclusive)
    legal_hold_reason: str = ""
    subjects: tuple[SubjectFacts, ...] = ()
    done: frozenset[str] = frozenset()  # codes of rules already carried out for this closure

    def __post_init__(self) -> None:
        if self.phase == Phase.closed and self.closed_at is None:
            raise ValueError(f"Casus {self.case_id}: afgesloten zonder afsluitdatum.")
        if self.phase == Phase.not_admitted and self.not_admitted_at is None:
            raise ValueError(f"Casus {self.case_id}: niet toegelaten zonder besluitdatum.")
        start = self.closed_at if self.phase == Phase.closed else None
        if start is not None and self.reopened_at is not None and self.reopened_at > start:
            raise ValueError(
                f"Casus {self.case_id}: afgesloten vóór de heropening; de afsluitdatum moet die "
                "van de nieuwe afsluiting zijn."
            )
        if (self.legal_hold_until is None) != (not self.legal_hold_reason.strip()):
            raise ValueError(
                f"Casus {self.case_id}: een bewaarblokkade heeft een einddatum én een reden nodig."
            )
        if any(self.case_id in subject.other_open_cases for subject in self.subjects):
            raise ValueError(f"Casus {self.case_id}: 'andere casussen' bevat de casus zelf.")

    def clock_start(self, trigger: Trigger) -> date | None:
        """The day the clock of `trigger` started, or None: an open case is never due."""
        if trigger == Trigger.case_closed and self.phase == Phase.closed:
            return self.closed_at
        if trigger == Trigger.triage_refused and self.phase == Phase.not_admitted:
            return self.not_admitted_at
        return None

    def hold_active(self, today: date) -> bool:
        return self.legal_hold_until is not None and today <= self.legal_hold_until


class DueState(StrEnum):
    pending = "pending"  # the clock runs; not yet due
    due = "due"  # carry it out now
    held = "held"  # would be due by now or during the hold; the legal hold pauses it


DUE_STATE_LABELS_NL: Mapping[DueState, str] = MappingProxyType(
    {DueState.pending: "Gepland", DueState.due: "Uit te voeren", DueState.held: "Geblokkeerd"}
)

_EFFECT_ORDER = {Effect.restrict: 0, Effect.delete_content: 1, Effect.delete_identity: 2}


@dataclass(frozen=True)
class DueAction:
    rule: RetentionRule
    due_on: date  # what the schedule says
    may_run_on: date  # due_on, or the day after a legal hold that covers it
    state: DueState
    hold_reason: str | None = None  # set when state is held


def due_actions(
    facts: RetentionFacts, schedule: Sequence[RetentionRule], today: date
) -> list[DueAction]:
    """The rules whose clock runs for this case and are not done yet, earliest first.

    Raises ValueError for a schedule that `validate_schedule` refuses.
    """
    found: list[DueAction] = []
    for rule in _checked(tuple(schedule)):
        start = facts.clock_start(rule.trigger)
        if start is None or rule.code in facts.done:
            continue
        due_on = rule.period.after(start)
        hold_until = facts.legal_hold_until
        if rule.effect != Effect.restrict and hold_until is not None and due_on <= hold_until:
            may_run_on = hold_until + timedelta(days=1)
        else:
            may_run_on = due_on
        if may_run_on != due_on and facts.hold_active(today):
            state, reason = DueState.held, facts.legal_hold_reason
        else:
            state, reason = (DueState.due if may_run_on <= today else DueState.pending), None
        found.append(DueAction(rule, due_on, may_run_on, state, reason))
    found.sort(key=lambda action: (action.may_run_on, _EFFECT_ORDER[action.rule.effect]))
    return found


def next_due_date(
    facts: RetentionFacts, schedule: Sequence[RetentionRule], today: date
) -> date | None:
    """The earliest day something may be carried out (in the past when overdue), for the
    overview's "binnenkort"; None for an open case or when everything is done."""
    actions = due_actions(facts, schedule, today)
    return min((action.may_run_on for action in actions), default=None)


def subject_identity_may_go(
    subject: SubjectFacts, facts: RetentionFacts, schedule: Sequence[RetentionRule], today: date
) -> bool:
    """May the person's own record be deleted with this case's last step?

    Only when that step (identity of a closed case, or personal data of a refused referral) is
    due now and the person is in no other case that still links to them; otherwise only the link
    to this case goes.
    """
    if subject.other_open_cases:
        return False
    return any(
        action.rule.effect == Effect.delete_identity and action.state == DueState.due
        for action in due_actions(facts, schedule, today)
    )
