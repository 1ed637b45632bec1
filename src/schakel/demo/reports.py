"""Demo management information: ~200 fictional anonymous case statistics over the last three
years, and a budget with contributions and spending for this year and last. Deterministic
(fixed seed) and idempotent: the statistics are keyed by negative `case_ref`s that no real case
has, and an existing budget year is left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.domain.target_groups import ADMISSIBLE_TARGET_GROUPS
from schakel.domain.workflow import Decision
from schakel.reports import selectors, services

DEMO_CASES = 200
_DECISIONS = [
    (Decision.process_direction_house, 50),
    (Decision.process_direction_elsewhere, 15),
    (Decision.scale_down, 10),
    (Decision.isd, 15),
    (Decision.zsm_advice, 10),
]


def _case(rng: random.Random, referred: date, today: date) -> dict[str, Any]:
    """One fictional course through the workflow, cut off at today."""
    events: list[tuple[str, date]] = []
    facts: dict[str, Any] = {}

    def at(phase: str, day: date) -> bool:
        if day > today:
            return False
        events.append((phase, day))
        return True

    day = referred + timedelta(days=rng.randint(1, 5))
    if not at("triage", day):
        return {"phase_history": events}
    day += timedelta(days=rng.randint(3, 15))
    admitted = rng.random() < 0.8
    if not at("preparation" if admitted else "not_admitted", day):
        return {"phase_history": events}
    facts.update(triage_decided_on=day, admitted=admitted)
    if not admitted:
        return {**facts, "phase_history": events}
    day += timedelta(days=rng.randint(7, 30))
    if not at("case_conference", day):
        return {**facts, "phase_history": events}
    decision = rng.choices([d for d, _ in _DECISIONS], [w for _, w in _DECISIONS])[0]
    facts.update(decision=decision, decision_on=day)
    if decision is Decision.process_direction_house:
        at("mdo", day)
        day += timedelta(days=rng.randint(7, 21))
        if not at("execution", day):
            return {**facts, "phase_history": events}
        day += timedelta(days=rng.randint(60, 400))
    elif decision in (Decision.isd, Decision.zsm_advice):
        at("execution", day)
        day += timedelta(days=rng.randint(90, 500))
    # Scale down and "elsewhere" go to closure at once; the others after their execution.
    if at("closure", day):
        day += timedelta(days=rng.randint(7, 30))
        if at("closed", day):
            facts.update(closed_on=day, closed_successfully=rng.random() < 0.7)
    if events[-1][0] == "execution":
        open_actions = rng.randint(0, 4)
        facts.update(
            open_actions=open_actions,
            overdue_actions=rng.randint(0, open_actions),
            actions_counted_on=today,
        )
    return {**facts, "phase_history": events}


def build_reports_demo(
    *, users: dict[str, Any], parties: dict[str, Any], today: date | None = None
) -> int:
    """Fill the demo statistics and finances; returns the number of statistics written."""
    today = today or timezone.localdate()
    rng = random.Random(2026)  # deterministic: the same demo every time
    municipalities = sorted(
        (p for p in parties.values() if p.kind == PartyKind.municipality), key=lambda p: p.slug
    )
    partners = sorted(
        (p for p in parties.values() if p.kind == PartyKind.partner), key=lambda p: p.slug
    )
    directors = sorted(
        (
            u
            for u in users.values()
            if Role.process_director.value in set(u.role_assignments.values_list("role", flat=True))
        ),
        key=lambda u: u.pk,
    )
    if not municipalities:
        return 0
    # Zwolle and Deventer refer most; the small municipalities show the suppression.
    weights = [
        8 if "zwolle" in m.slug else 4 if "deventer" in m.slug else 1 for m in municipalities
    ]
    groups = sorted(ADMISSIBLE_TARGET_GROUPS)
    for n in range(DEMO_CASES):
        referred = today - timedelta(days=rng.randint(1, 3 * 365))
        municipality = rng.choices(municipalities, weights)[0]
        services.case_statistic_record(
            case_ref=-(n + 1),
            referred_on=referred,
            target_group=rng.choice(groups),
            municipality_id=municipality.pk,
            referring_party_id=rng.choice([municipality, *partners]).pk,
            process_director_id=rng.choice(directors).pk if directors else None,
            **_case(rng, referred, today),
        )
    manager = users.get("manager")
    if manager is not None:
        for year in (today.year - 1, today.year):
            _budget(year, actor_for(manager), parties, today)
    return DEMO_CASES


_LINES = [
    ("Personeel", "Procesregie en ondersteuning", 620_000),
    ("Huisvesting", "Huur en facilitair", 85_000),
    ("ICT", "Schakel, hosting en beheer", 40_000),
    ("Overig", "Opleiding, communicatie", 25_000),
]


def _budget(year: int, actor: Any, parties: dict[str, Any], today: date) -> None:
    if selectors.budget_year_get(year=year) is not None:
        return
    ctx = AuditContext.system()
    services.budget_year_save(
        actor=actor,
        ctx=ctx,
        year=year,
        adopted_on=date(year - 1, 12, 1),
        target_referrals=80,
        target_closed_successfully=40,
        priorities="Minder doorlooptijd tot de casustafel; meer aanmeldingen uit het onderwijs.",
    )
    lines = [
        services.budget_line_add(
            actor=actor, ctx=ctx, year=year, category=c, description=d, amount=Decimal(a)
        )
        for c, d, a in _LINES
    ]
    contributions: list[tuple[str, int, Decimal, str]] = [
        ("gemeente-zwolle", 450_000, Decimal(0), ""),
        ("gemeente-deventer", 150_000, Decimal(0), ""),
        ("politie-oost-nederland", 0, Decimal("1.0"), "Afgevaardigde casustafel"),
        ("ggd-ijsselland", 0, Decimal("0.5"), "Afgevaardigde casustafel"),
    ]
    for slug, money, fte, what in contributions:
        if slug in parties:
            services.contribution_add(
                actor=actor,
                ctx=ctx,
                year=year,
                party=parties[slug],
                money=Decimal(money),
                staff_fte=fte,
                staff_description=what,
            )
    for month in range(1, 13):
        day = date(year, month, 25)
        if day > today:
            break
        for line in lines:
            services.expenditure_add(
                actor=actor,
                ctx=ctx,
                line=line,
                spent_on=day,
                description=f"{line.category} {month:02d}-{year}",
                amount=Decimal(line.amount_cents) / 100 / 12 * Decimal("1.03"),
            )
