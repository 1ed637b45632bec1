"""The cases of a generated house: every phase, with subjects, parties, history, plan and
statistic, consistent with each other (see `generate` for the writer and the audit log)."""

from __future__ import annotations

import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import models, transaction

from schakel.cases.models import (
    ActionPlan,
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseParty,
    CaseSubject,
    PhaseTransition,
    PlanAction,
    SearchKey,
    Subject,
)
from schakel.cases.services.search_keys import build_search_keys
from schakel.demo.generate import (
    STREETS,
    House,
    Progress,
    Writer,
    next_id,
    reset_sequences,
)
from schakel.demo.generate_extras import Extras, build_extras, extra_columns, extra_tables
from schakel.demo.generate_names import FIRST_NAMES, last_name
from schakel.domain.bsn import DEMO_BSNS
from schakel.domain.target_groups import Inflow, TargetGroup
from schakel.domain.workflow import Action, Decision, Phase
from schakel.reports.counts import add_counts, figures_changed
from schakel.reports.derived import (
    LEAD_COLUMNS,
    CountKey,
    contributions,
    history_fact,
    lead_row,
    span_rows,
)
from schakel.reports.models import CaseStatistic, PhaseSpan

# The path through the workflow to each phase (the actions, in order).
PATHS: dict[Phase, tuple[Action, ...]] = {
    Phase.referral: (),
    Phase.triage: (Action.start_triage,),
    Phase.not_admitted: (Action.start_triage, Action.refuse_admission),
    Phase.preparation: (Action.start_triage, Action.admit),
    Phase.case_conference: (Action.start_triage, Action.admit, Action.schedule_conference),
}
PATHS[Phase.mdo] = (*PATHS[Phase.case_conference], Action.record_conference_decision)
PATHS[Phase.execution] = (*PATHS[Phase.mdo], Action.adopt_plan)
PATHS[Phase.closure] = (*PATHS[Phase.execution], Action.decide_closure)
PATHS[Phase.closed] = (*PATHS[Phase.closure], Action.complete_closure)
TO_PHASE = {
    Action.start_triage: Phase.triage,
    Action.refuse_admission: Phase.not_admitted,
    Action.admit: Phase.preparation,
    Action.schedule_conference: Phase.case_conference,
    Action.record_conference_decision: Phase.mdo,
    Action.adopt_plan: Phase.execution,
    Action.decide_closure: Phase.closure,
    Action.complete_closure: Phase.closed,
}
# Recent cases are spread over the open phases; older ones are mostly closed.
RECENT = {
    Phase.referral: 6,
    Phase.triage: 8,
    Phase.not_admitted: 8,
    Phase.preparation: 8,
    Phase.case_conference: 8,
    Phase.mdo: 8,
    Phase.execution: 34,
    Phase.closure: 6,
    Phase.closed: 14,
}
OLD = {Phase.closed: 76, Phase.not_admitted: 14, Phase.execution: 8, Phase.closure: 2}
PAST_MDO = {Phase.execution, Phase.closure, Phase.closed}
LIFE_DOMAINS = ("housing", "finances", "health", "justice", "family", "daytime", "safety")


def _pick(weights: dict[Phase, int]) -> Phase:
    return random.choices(list(weights), weights=list(weights.values()))[0]


CASE_COLS = (
    "id", "number", "phase", "target_group", "inflow", "municipality_id", "referring_party_id",
    "referred_by_id", "reason", "goal", "referrer_consulted", "criteria_met",
    "criteria_explanation", "admission_table", "refusal_reason", "conference_goal",
    "conference_date", "decision", "decision_motivation", "process_director_id",
    "case_director_id", "informer_party_id", "inform_on", "inform_postponed_reason",
    "closure_reason", "closure_criteria_met", "handover_party_id", "handover_note", "closed_at",
    "version", "created_at", "updated_at",
)  # fmt: skip
SUBJECT_COLS = ("id", "first_name", "last_name", "date_of_birth", "bsn", "address")
LINK_COLS = ("id", "case_id", "subject_id", "relation")
PARTY_COLS = ("id", "case_id", "party_id", "relation", "justification", "added_by_id", "added_at")
TRANSITION_COLS = (
    "id", "case_id", "action", "from_phase", "to_phase", "decision", "motivation", "actor_id",
    "actor_party_id", "occurred_at",
)  # fmt: skip
EVENT_COLS = ("id", "case_id", "kind", "detail", "actor_id", "occurred_at")
PLAN_COLS = (
    "id", "case_id", "number", "goals", "closure_criteria", "reason", "changed_by_id",
    "changed_at",
)  # fmt: skip
ACTION_COLS = (
    "id", "case_id", "added_in_id", "life_domain", "description", "owning_party_id",
    "owner_id", "due_on", "status", "updated_at",
)  # fmt: skip
STAT_COLS = (
    "id", "key", "case_ref", "referred_on", "triage_decided_on", "admitted", "decision",
    "decision_on", "phase_history", "closed_on", "closed_successfully", "target_group",
    "municipality_id", "referring_party_id", "process_director_id", "open_actions",
    "overdue_actions", "actions_counted_on", "updated_at", *LEAD_COLUMNS,
)  # fmt: skip
SPAN_COLS = (
    "id", "statistic_id", "phase", "start_on", "end_on", "target_group", "municipality_id",
    "referring_party_id", "process_director_id",
)  # fmt: skip
CASE_TABLES = (
    Case, Subject, CaseSubject, CaseParty, PhaseTransition, CaseEvent, ActionPlan, PlanAction,
    CaseStatistic, PhaseSpan,
)  # fmt: skip

JUSTIFICATION = "Rechtstreeks betrokken (fictief)."


@dataclass
class Ids:
    """The next free id per table, so children can point at parents before they are written."""

    next: dict[type[models.Model], int]

    @classmethod
    def load(cls) -> Ids:
        return cls({model: next_id(model) for model in all_tables()})

    def take(self, model: type[models.Model]) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def all_tables() -> tuple[type[models.Model], ...]:
    """In write order: parents before children."""
    return CASE_TABLES + extra_tables()


class Batch:
    def __init__(self) -> None:
        self.rows: dict[type[models.Model], list[tuple[Any, ...]]] = {m: [] for m in all_tables()}
        self.counts: Counter[CountKey] = Counter()  # the monthly counts of its statistics

    def add(self, model: type[models.Model], row: tuple[Any, ...]) -> None:
        self.rows[model].append(row)


def _number_start() -> dict[int, int]:
    return dict(CaseNumberCounter.objects.values_list("year", "last"))


def build_case(
    batch: Batch,
    ids: Ids,
    house: House,
    numbers: dict[int, int],
    now: datetime,
    years: int,
    extras: Extras,
) -> None:
    """One case with its subjects, parties, history, plan and statistic, all consistent."""
    age = timedelta(seconds=random.randrange(int(years * 365.25 * 86400)))
    created = now - age
    phase = _pick(RECENT if age < timedelta(days=365) else OLD)
    path = PATHS[phase]
    # The steps, spread over the case's age (never in the future).
    span = age.total_seconds()
    marks = sorted(random.random() * span * 0.9 for _ in path)
    moments = [created + timedelta(seconds=s) for s in marks]
    updated = moments[-1] if moments else created
    case_id = ids.take(Case)
    year = created.year
    numbers[year] = numbers.get(year, 0) + 1
    municipality = random.choice(house.municipalities)
    referrer = random.choice(house.partners + house.municipalities[:3])
    referred_by = random.choice(house.delegates[referrer])
    pd = random.choice(house.process_directors) if path else None
    admitted = Action.admit in path
    past_conf = Action.record_conference_decision in path
    past_mdo = phase in PAST_MDO
    cd_party = random.choice(house.partners) if past_conf else None
    cd = random.choice(house.delegates[cd_party]) if cd_party else None
    closed = phase == Phase.closed
    group = random.choice(list(TargetGroup)).value
    batch.add(Case, (
        case_id, f"ZVH-{year}-{numbers[year]:04d}", phase.value, group,
        random.choice(list(Inflow)).value, municipality, referrer, referred_by,
        "Zorgen over de veiligheid en de woonsituatie (fictief).",
        "Stabiliseren en een passend hulpaanbod.",
        bool(path), admitted if len(path) > 1 else None,
        "Beoordeeld aan de criteria van Bijlage 2." if len(path) > 1 else "",
        "regional" if admitted else "",
        "Geen complexe casus." if phase == Phase.not_admitted else "",
        "Afstemmen van de aanpak." if admitted else "",
        (moments[2].date() if len(moments) > 2 else None),
        Decision.process_direction_house.value if past_conf else "",
        "Procesregie bij het huis." if past_conf else "",
        pd, cd, cd_party if past_mdo else None, moments[4].date() if past_mdo else None, "",
        "Doelen behaald." if phase in (Phase.closure, Phase.closed) else "",
        (random.random() < 0.7) if closed else None,
        cd_party if closed else None, "Overgedragen aan de reguliere zorg." if closed else "",
        updated if closed else None, 1 + len(path), created, updated,
    ))  # fmt: skip
    # Subjects: the person, sometimes family members.
    subject_ids = []
    for n in range(random.choice((1, 1, 1, 2, 3))):
        sid = ids.take(Subject)
        born = date(1950, 1, 1) + timedelta(days=random.randrange(70 * 365))
        bsn = DEMO_BSNS[sid % len(DEMO_BSNS)] if random.random() < 0.6 else ""
        batch.add(Subject, (
            sid, random.choice(FIRST_NAMES), last_name(), born, bsn,
            f"{random.choice(STREETS)} {random.randint(1, 200)}, fictief",
        ))  # fmt: skip
        batch.add(CaseSubject, (ids.take(CaseSubject), case_id, sid,
                                "subject" if n == 0 else "family_member"))  # fmt: skip
        subject_ids.append(sid)
    # Parties: the referrer and the municipality; consulted and invited ones once in triage.
    involved = [(referrer, "referrer"), (municipality, "municipality")]
    extra = random.sample(house.partners, k=random.randint(0, 3)) if path else []
    involved += [(p, "consulted") for p in extra]
    if admitted:
        involved += [(p, "invited") for p in extra[:2]]
    if cd_party:
        involved.append((cd_party, "case_director"))
    seen = set()
    for party, relation in involved:
        if (party, relation) in seen:
            continue
        seen.add((party, relation))
        batch.add(
            CaseParty,
            (
                ids.take(CaseParty),
                case_id,
                party,
                relation,
                JUSTIFICATION,
                pd or referred_by,
                created,
            ),
        )
    # History: one transition and one timeline event per step.
    before = Phase.referral
    batch.add(CaseEvent, (ids.take(CaseEvent), case_id, "referred", "", referred_by, created))
    history = [[Phase.referral.value, created.date().isoformat()]]
    triaged_on = decided_on = None
    for action, moment in zip(path, moments, strict=True):
        after = TO_PHASE[action]
        decision = Decision.process_direction_house.value if after == Phase.mdo else ""
        batch.add(PhaseTransition, (
            ids.take(PhaseTransition), case_id, action.value, before.value, after.value,
            decision, "Volgens het werkproces (fictief).", pd, house.house_party, moment,
        ))  # fmt: skip
        batch.add(CaseEvent, (ids.take(CaseEvent), case_id, "phase", after.value, pd, moment))
        history.append([after.value, moment.date().isoformat()])
        if action in (Action.admit, Action.refuse_admission):
            triaged_on = moment.date()
        if decision:
            decided_on = moment.date()
        before = after
    open_actions = overdue = 0
    if past_mdo:
        plan_id = ids.take(ActionPlan)
        batch.add(ActionPlan, (
            plan_id, case_id, 1, [{"life_domain": "housing", "goal": "Stabiele woonsituatie"}],
            "Het plan is uitgevoerd.", "Vastgesteld in het MDO.", pd, moments[4],
        ))  # fmt: skip
        for _ in range(random.randint(2, 4)):
            due = (moments[4] + timedelta(days=random.randint(14, 180))).date()
            status = "done" if closed else random.choice(("open", "in_progress", "done"))
            if status != "done":
                open_actions += 1
                overdue += due < now.date()
            owner_party = random.choice(house.partners)
            batch.add(PlanAction, (
                ids.take(PlanAction), case_id, plan_id, random.choice(LIFE_DOMAINS),
                "Afspraak maken en opvolgen (fictief).", owner_party,
                random.choice(house.delegates[owner_party]), due, status, updated,
            ))  # fmt: skip
    # The derived lead times and open-phase spans, as `case_statistic_record` stores them.
    fact = history_fact(created.date(), history)
    stat_id = ids.take(CaseStatistic)
    batch.add(CaseStatistic, (
        stat_id, secrets.randbits(62), case_id, created.date(), triaged_on,
        admitted if triaged_on else None, Decision.process_direction_house.value if decided_on
        else "", decided_on, history, updated.date() if closed else None,
        ((random.random() < 0.7) if closed else None), group, municipality, referrer, pd,
        open_actions, overdue, now.date(), now, *lead_row(fact),
    ))  # fmt: skip
    spans = span_rows(fact)
    stat = dict(zip(STAT_COLS, batch.rows[CaseStatistic][-1], strict=True))
    batch.counts.update(contributions(stat, spans))
    for span_phase, start, end in spans:
        batch.add(PhaseSpan, (
            ids.take(PhaseSpan), stat_id, span_phase, start, end, group, municipality, referrer,
            pd,
        ))  # fmt: skip
    build_extras(
        batch, ids, extras, case_id=case_id, path=path, moments=moments, pd=pd,
        referrer=referrer, referred_by=referred_by, consulted=extra,
        invited=extra[:2] if admitted else [], now=now,
    )  # fmt: skip


COLUMNS = {
    Case: CASE_COLS, Subject: SUBJECT_COLS, CaseSubject: LINK_COLS, CaseParty: PARTY_COLS,
    PhaseTransition: TRANSITION_COLS, CaseEvent: EVENT_COLS, ActionPlan: PLAN_COLS,
    PlanAction: ACTION_COLS, CaseStatistic: STAT_COLS, PhaseSpan: SPAN_COLS,
}  # fmt: skip


def _search_keys(batch: Batch, progress: Progress) -> None:
    """The batch's search keys, derived in the database as the services derive them."""
    if case_ids := [row[0] for row in batch.rows[Case]]:
        started = time.perf_counter()
        added = build_search_keys(min(case_ids), max(case_ids))
        progress.add(SearchKey._meta.db_table, added, time.perf_counter() - started)


def generate_cases(
    n: int, house: House, progress: Progress, *, batch_size: int = 5_000, years: int = 5
) -> tuple[int, int]:
    """N cases; returns the range of subject ids written (for the audit log's pseudonyms)."""
    writer = Writer(progress)
    ids = Ids.load()
    extras = Extras(house)
    counts: Counter[CountKey] = Counter()
    columns: dict[type[models.Model], tuple[str, ...]] = {**COLUMNS, **extra_columns()}
    first_subject = ids.next[Subject]
    numbers = _number_start()
    now = datetime.now(UTC)
    started = time.perf_counter()
    done = 0
    while done < n:
        batch = Batch()
        for _ in range(min(batch_size, n - done)):
            build_case(batch, ids, house, numbers, now, years, extras)
        with writer.batch():
            for model in all_tables():
                writer.write(model, columns[model], batch.rows[model])
            _search_keys(batch, progress)
        counts.update(batch.counts)
        done += len(batch.rows[Case])
        rate = done / (time.perf_counter() - started)
        progress.say(f"  cases {done:>12,}/{n:,}  ({rate:,.0f} cases/s)")
    # The report's monthly counts once at the end: every batch touches most cells, so per
    # batch they cost an upsert per cell each time (measured: a third of the run at 100k).
    started = time.perf_counter()
    with transaction.atomic():
        add_counts(counts)
        figures_changed()
    progress.add("reports_monthlycount", len(counts), time.perf_counter() - started)
    with transaction.atomic():
        for year, last in numbers.items():
            CaseNumberCounter.objects.update_or_create(year=year, defaults={"last": last})
    reset_sequences(all_tables())
    return first_subject, ids.next[Subject]
