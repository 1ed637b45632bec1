"""The retention schedule and due dates (privacy protocol art. 11; Art. 1.12; Bijlage 3 Fase 5)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.retention import (
    CLASS_EFFECT,
    CLASS_TRIGGER,
    DEFAULT_SCHEDULE,
    DataClass,
    DueState,
    Effect,
    Period,
    RetentionFacts,
    RetentionRule,
    SubjectFacts,
    Trigger,
    add_months,
    due_actions,
    next_due_date,
    subject_identity_may_go,
    validate_schedule,
)
from schakel.domain.workflow import FINAL_PHASES, Phase

RULES = {rule.code: rule for rule in DEFAULT_SCHEDULE}
CLOSED = date(2025, 3, 31)
OPEN_PHASES = [phase for phase in Phase if phase not in FINAL_PHASES]

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2150, 12, 31))


def closed(on: date = CLOSED, **changes: Any) -> RetentionFacts:
    return dataclasses.replace(RetentionFacts("c1", Phase.closed, closed_at=on), **changes)


def states(facts: RetentionFacts, today: date) -> dict[str, DueState]:
    return {
        action.rule.code: action.state for action in due_actions(facts, DEFAULT_SCHEDULE, today)
    }


def due_on(facts: RetentionFacts) -> dict[str, date]:
    return {a.rule.code: a.due_on for a in due_actions(facts, DEFAULT_SCHEDULE, date(2000, 1, 1))}


def with_rule(
    rule_code: str, base: Sequence[RetentionRule] = DEFAULT_SCHEDULE, /, **changes: Any
) -> list[RetentionRule]:
    return [dataclasses.replace(r, **changes) if r.code == rule_code else r for r in base]


# --------------------------------------------------------------------------- month arithmetic


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 1, 31), 2, date(2025, 3, 31)),  # clamping does not carry over
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # 29 Feb + 2 years
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 5, 17), 0, date(2025, 5, 17)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(start=dates, months=st.integers(0, 600))
def test_add_months_lands_in_the_target_month_and_clamps_only_at_its_end(
    start: date, months: int
) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:
        assert (result + timedelta(days=1)).day == 1  # clamped to the last day


def test_period_of_years_and_days_after() -> None:
    assert Period.of(years=2) == Period(months=24)
    assert Period.of(years=1, months=1, days=3).after(date(2024, 1, 31)) == date(2025, 3, 3)
    assert Period(days=10).after(date(2025, 12, 25)) == date(2026, 1, 4)


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(), "direct"),
        (Period.of(months=3), "3 maanden"),
        (Period.of(months=1), "1 maand"),
        (Period.of(years=2), "2 jaar"),
        (Period(14, 1), "1 jaar, 2 maanden en 1 dag"),
        (Period(days=-3), "-3 dagen"),
        (Period(months=-14), "-14 maanden"),
    ],
)
def test_period_label_nl(period: Period, label: str) -> None:
    assert period.label_nl() == label


# --------------------------------------------------------------------------- the default schedule


def test_default_schedule_is_valid_and_matches_domain_md() -> None:
    assert validate_schedule(DEFAULT_SCHEDULE) == []
    assert {rule.data_class for rule in DEFAULT_SCHEDULE} == set(DataClass)
    assert RULES["referral_not_admitted"].period == Period(months=3)
    assert RULES["closed_restrict"].period == Period()
    assert RULES["closed_content"].period == Period(months=6)
    assert RULES["closed_identity"].period == Period(months=24)
    for rule in DEFAULT_SCHEDULE:
        assert rule.trigger == CLASS_TRIGGER[rule.data_class]
        assert rule.effect == CLASS_EFFECT[rule.data_class]
        assert "Privacyprotocol art. 11" in rule.legal_reference
        assert rule.description_nl


def test_closed_case_every_rule_and_its_due_date() -> None:
    facts = closed()
    assert due_on(facts) == {
        "closed_restrict": CLOSED,  # at closure
        "closed_content": date(2025, 9, 30),
        "closed_identity": date(2027, 3, 31),
    }
    assert states(facts, CLOSED) == {
        "closed_restrict": DueState.due,
        "closed_content": DueState.pending,
        "closed_identity": DueState.pending,
    }
    assert states(facts, date(2025, 9, 29))["closed_content"] is DueState.pending
    assert states(facts, date(2025, 9, 30))["closed_content"] is DueState.due
    assert states(facts, date(2027, 3, 30))["closed_identity"] is DueState.pending
    assert set(states(facts, date(2027, 3, 31)).values()) == {DueState.due}


def test_end_of_month_closure_is_clamped() -> None:
    assert due_on(closed(date(2023, 8, 31)))["closed_content"] == date(2024, 2, 29)
    assert due_on(closed(date(2024, 2, 29)))["closed_identity"] == date(2026, 2, 28)


def test_actions_come_earliest_first_and_done_rules_disappear() -> None:
    facts = closed()
    codes = [a.rule.code for a in due_actions(facts, DEFAULT_SCHEDULE, date(2030, 1, 1))]
    assert codes == ["closed_restrict", "closed_content", "closed_identity"]
    assert next_due_date(facts, DEFAULT_SCHEDULE, CLOSED) == CLOSED
    facts = closed(done=frozenset({"closed_restrict"}))
    assert next_due_date(facts, DEFAULT_SCHEDULE, CLOSED) == date(2025, 9, 30)
    facts = closed(done=frozenset(RULES))
    assert due_actions(facts, DEFAULT_SCHEDULE, date(2030, 1, 1)) == []
    assert next_due_date(facts, DEFAULT_SCHEDULE, date(2030, 1, 1)) is None


def test_not_admitted_referral() -> None:
    facts = RetentionFacts("r1", Phase.not_admitted, not_admitted_at=date(2025, 11, 30))
    actions = due_actions(facts, DEFAULT_SCHEDULE, date(2026, 2, 27))
    assert [(a.rule.code, a.due_on, a.state) for a in actions] == [
        ("referral_not_admitted", date(2026, 2, 28), DueState.pending)
    ]
    assert states(facts, date(2026, 2, 28)) == {"referral_not_admitted": DueState.due}
    # A stale closed_at does not start the clock of a closed case.
    facts = dataclasses.replace(facts, closed_at=date(2025, 11, 30))
    assert set(states(facts, date(2030, 1, 1))) == {"referral_not_admitted"}


@pytest.mark.parametrize("phase", OPEN_PHASES)
def test_open_case_is_never_due(phase: Phase) -> None:
    facts = RetentionFacts(
        "c1", phase, closed_at=date(2000, 1, 1), not_admitted_at=date(2000, 1, 1)
    )
    assert due_actions(facts, DEFAULT_SCHEDULE, date(2100, 1, 1)) == []
    assert next_due_date(facts, DEFAULT_SCHEDULE, date(2100, 1, 1)) is None


def test_closure_phase_is_still_open() -> None:
    # Afschaling is running (hand-over): the clock starts when it is completed.
    facts = RetentionFacts("c1", Phase.closure, closed_at=CLOSED)
    assert due_actions(facts, DEFAULT_SCHEDULE, date(2030, 1, 1)) == []


# --------------------------------------------------------------------------- reopened cases


def test_reopened_case_is_open_then_the_clock_restarts_at_the_new_closure() -> None:
    first = date(2024, 1, 10)
    reopened = RetentionFacts("c1", Phase.execution, closed_at=first, reopened_at=date(2024, 3, 1))
    assert due_actions(reopened, DEFAULT_SCHEDULE, date(2030, 1, 1)) == []
    again = closed(date(2024, 6, 1), reopened_at=date(2024, 3, 1))
    assert due_on(again) == {
        "closed_restrict": date(2024, 6, 1),
        "closed_content": date(2024, 12, 1),
        "closed_identity": date(2026, 6, 1),
    }
    assert states(again, date(2024, 7, 10))["closed_content"] is DueState.pending  # not 10 July


def test_closed_before_the_reopening_is_refused() -> None:
    with pytest.raises(ValueError, match="heropening"):
        closed(date(2024, 1, 10), reopened_at=date(2024, 3, 1))
    assert closed(date(2024, 3, 1), reopened_at=date(2024, 3, 1)).closed_at == date(2024, 3, 1)


# --------------------------------------------------------------------------- legal hold

HOLD_END = date(2025, 12, 31)


def held(until: date = HOLD_END, **changes: Any) -> RetentionFacts:
    return closed(legal_hold_until=until, legal_hold_reason="Inzageverzoek loopt", **changes)


def test_legal_hold_before_its_end_date() -> None:
    actions = {a.rule.code: a for a in due_actions(held(), DEFAULT_SCHEDULE, date(2025, 10, 1))}
    content = actions["closed_content"]
    assert content.state is DueState.held
    assert content.hold_reason == "Inzageverzoek loopt"
    assert content.due_on == date(2025, 9, 30)
    assert content.may_run_on == date(2026, 1, 1)
    # Restricting access keeps the data: a hold does not pause it.
    assert actions["closed_restrict"].state is DueState.due
    assert actions["closed_restrict"].hold_reason is None
    # Identity is due long after the hold ends: the hold does not touch it.
    assert actions["closed_identity"].state is DueState.pending
    assert actions["closed_identity"].may_run_on == date(2027, 3, 31)
    # Held from the start, also while it would still be pending.
    assert states(held(), CLOSED)["closed_content"] is DueState.held


def test_legal_hold_on_its_end_date_still_holds() -> None:
    assert states(held(), HOLD_END)["closed_content"] is DueState.held


def test_legal_hold_after_its_end_date() -> None:
    actions = due_actions(held(), DEFAULT_SCHEDULE, HOLD_END + timedelta(days=1))
    content = next(a for a in actions if a.rule.code == "closed_content")
    assert content.state is DueState.due
    assert content.hold_reason is None


def test_legal_hold_over_every_deletion() -> None:
    facts = held(date(2028, 1, 1))
    assert states(facts, date(2027, 6, 1)) == {
        "closed_restrict": DueState.due,
        "closed_content": DueState.held,
        "closed_identity": DueState.held,
    }
    assert next_due_date(facts, DEFAULT_SCHEDULE, date(2027, 6, 1)) == CLOSED
    facts = held(date(2028, 1, 1), done=frozenset({"closed_restrict"}))
    assert next_due_date(facts, DEFAULT_SCHEDULE, date(2027, 6, 1)) == date(2028, 1, 2)


def test_legal_hold_on_a_not_admitted_referral() -> None:
    facts = RetentionFacts(
        "r1",
        Phase.not_admitted,
        not_admitted_at=date(2025, 1, 15),
        legal_hold_until=date(2025, 6, 30),
        legal_hold_reason="Klacht in behandeling",
    )
    assert states(facts, date(2025, 5, 1)) == {"referral_not_admitted": DueState.held}
    assert states(facts, date(2025, 7, 1)) == {"referral_not_admitted": DueState.due}


@pytest.mark.parametrize(
    ("until", "reason"), [(date(2025, 1, 1), ""), (date(2025, 1, 1), "  "), (None, "Klacht")]
)
def test_legal_hold_needs_an_end_date_and_a_reason(until: date | None, reason: str) -> None:
    with pytest.raises(ValueError, match="bewaarblokkade"):
        closed(legal_hold_until=until, legal_hold_reason=reason)


# --------------------------------------------------------------------------- subjects


def test_several_subjects_one_also_in_another_open_case() -> None:
    alone = SubjectFacts("moeder")
    elsewhere = SubjectFacts("zoon", other_open_cases=frozenset({"c7"}))
    facts = closed(subjects=(alone, elsewhere))
    before, after = date(2027, 3, 30), date(2027, 3, 31)
    assert not subject_identity_may_go(alone, facts, DEFAULT_SCHEDULE, before)
    assert subject_identity_may_go(alone, facts, DEFAULT_SCHEDULE, after)
    # The link to this case goes (the rule is due), the person stays for case c7.
    assert states(facts, after)["closed_identity"] is DueState.due
    assert not subject_identity_may_go(elsewhere, facts, DEFAULT_SCHEDULE, after)


def test_subject_identity_waits_for_hold_and_open_case() -> None:
    person = SubjectFacts("p1")
    facts = held(date(2028, 1, 1), subjects=(person,))
    assert not subject_identity_may_go(person, facts, DEFAULT_SCHEDULE, date(2027, 6, 1))
    assert subject_identity_may_go(person, facts, DEFAULT_SCHEDULE, date(2028, 1, 2))
    open_case = RetentionFacts("c1", Phase.execution, subjects=(person,))
    assert not subject_identity_may_go(person, open_case, DEFAULT_SCHEDULE, date(2100, 1, 1))


def test_subject_of_a_not_admitted_referral() -> None:
    person = SubjectFacts("p1")
    facts = RetentionFacts("r1", Phase.not_admitted, not_admitted_at=date(2025, 1, 15))
    assert not subject_identity_may_go(person, facts, DEFAULT_SCHEDULE, date(2025, 4, 14))
    assert subject_identity_may_go(person, facts, DEFAULT_SCHEDULE, date(2025, 4, 15))


def test_facts_are_checked() -> None:
    with pytest.raises(ValueError, match="afsluitdatum"):
        RetentionFacts("c1", Phase.closed)
    with pytest.raises(ValueError, match="besluitdatum"):
        RetentionFacts("c1", Phase.not_admitted)
    with pytest.raises(ValueError, match="casus zelf"):
        closed(subjects=(SubjectFacts("p1", frozenset({"c1"})),))


# --------------------------------------------------------------------------- a house's schedule


def test_a_house_may_set_its_own_periods() -> None:
    schedule = with_rule("closed_identity", period=Period.of(years=5))
    assert validate_schedule(schedule) == []
    assert {a.rule.code: a.due_on for a in due_actions(closed(), schedule, CLOSED)}[
        "closed_identity"
    ] == date(2030, 3, 31)


def test_validation_negative_period() -> None:
    problems = validate_schedule(with_rule("closed_content", period=Period(months=-1)))
    assert "Regel 'closed_content': de termijn (-1 maand) is negatief." in problems


def test_validation_identity_before_content() -> None:
    problems = validate_schedule(with_rule("closed_identity", period=Period.of(months=3)))
    assert problems == [
        "De identiteit (regel 'closed_identity', 3 maanden) kan eerder worden verwijderd dan de "
        "inhoud (regel 'closed_content', 6 maanden)."
    ]


def test_validation_mixed_periods_are_compared_on_every_start_date() -> None:
    month = with_rule("closed_content", period=Period(months=1))
    # 30 days ends before one month from 1 January (31 Jan < 1 Feb); 31 days never does.
    assert len(validate_schedule(with_rule("closed_identity", month, period=Period(days=30)))) == 1
    assert validate_schedule(with_rule("closed_identity", month, period=Period(days=31))) == []
    assert validate_schedule(with_rule("closed_identity", month, period=Period(months=1))) == []


def test_validation_restriction_after_content_deletion() -> None:
    problems = validate_schedule(with_rule("closed_restrict", period=Period.of(months=7)))
    assert problems == [
        "De toegang (regel 'closed_restrict') wordt pas beperkt nadat de inhoud is verwijderd."
    ]


def test_validation_missing_classes() -> None:
    schedule = [r for r in DEFAULT_SCHEDULE if r.data_class != DataClass.case_content]
    assert validate_schedule(schedule) == ["Er is geen regel voor 'Inhoud van de casus'."]
    assert len(validate_schedule([])) == len(DataClass)


def test_validation_duplicate_codes_and_classes() -> None:
    copy = dataclasses.replace(RULES["closed_content"], period=Period.of(months=9))
    problems = validate_schedule([*DEFAULT_SCHEDULE, copy])
    assert "De code 'closed_content' komt meer dan eens voor." in problems
    assert "Er zijn 2 regels voor 'Inhoud van de casus'; één is nodig." in problems


def test_validation_wrong_trigger_effect_and_empty_texts() -> None:
    problems = validate_schedule(
        with_rule(
            "closed_content",
            code=" ",
            trigger=Trigger.triage_refused,
            effect=Effect.delete_identity,
            legal_reference="",
            description_nl="",
        )
    )
    assert problems == [
        "Een regel heeft geen code.",
        "Regel ' ': de termijn voor 'Inhoud van de casus' begint bij afsluiting.",
        "Regel ' ': bij 'Inhoud van de casus' hoort het gevolg 'Inhoud verwijderen'.",
        "Regel ' ' heeft geen wettelijke grondslag of verwijzing.",
        "Regel ' ' heeft geen omschrijving.",
    ]


def test_an_invalid_schedule_never_drives_a_deletion() -> None:
    schedule = with_rule("closed_identity", period=Period.of(months=1))
    with pytest.raises(ValueError, match="Ongeldig bewaarschema"):
        due_actions(closed(), schedule, date(2030, 1, 1))


# --------------------------------------------------------------------------- properties

periods = st.builds(Period, st.integers(0, 60), st.integers(0, 400))


@st.composite
def valid_schedules(draw: st.DrawFn) -> list[RetentionRule]:
    # Each later step adds a non-negative period to the one before: valid by construction.
    access = draw(periods)
    content = Period(access.months + draw(periods).months, access.days + draw(periods).days)
    identity = Period(content.months + draw(periods).months, content.days + draw(periods).days)
    chosen = {
        DataClass.referral_personal_data: draw(periods),
        DataClass.case_access: access,
        DataClass.case_content: content,
        DataClass.case_identity: identity,
    }
    schedule = [dataclasses.replace(r, period=chosen[r.data_class]) for r in DEFAULT_SCHEDULE]
    assert validate_schedule(schedule) == []
    return schedule


@st.composite
def final_facts(draw: st.DrawFn) -> RetentionFacts:
    start = draw(dates)
    hold = draw(st.none() | dates)
    closed_case = draw(st.booleans())
    return RetentionFacts(
        "c1",
        Phase.closed if closed_case else Phase.not_admitted,
        closed_at=start if closed_case else None,
        not_admitted_at=None if closed_case else start,
        reopened_at=draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=start)),
        legal_hold_until=hold,
        legal_hold_reason="Klacht" if hold else "",
    )


@given(facts=final_facts(), schedule=valid_schedules(), today=dates)
def test_due_dates_never_before_the_clock_starts(
    facts: RetentionFacts, schedule: list[RetentionRule], today: date
) -> None:
    start = facts.closed_at if facts.phase == Phase.closed else facts.not_admitted_at
    assert start is not None
    for action in due_actions(facts, schedule, today):
        assert start <= action.due_on <= action.may_run_on
        if action.state is DueState.due:
            assert action.may_run_on <= today
            assert not facts.hold_active(today) or action.rule.effect == Effect.restrict


@given(start=dates, today=dates, hold=st.none() | dates)
def test_content_never_due_after_identity_in_the_default_schedule(
    start: date, today: date, hold: date | None
) -> None:
    facts = closed(start, legal_hold_until=hold, legal_hold_reason="Klacht" if hold else "")
    actions = {a.rule.code: a for a in due_actions(facts, DEFAULT_SCHEDULE, today)}
    content, identity = actions["closed_content"], actions["closed_identity"]
    assert content.due_on <= identity.due_on
    assert content.may_run_on <= identity.may_run_on
    if identity.state is DueState.due:
        assert content.state is DueState.due


@given(
    phase=st.sampled_from(OPEN_PHASES),
    stale=st.none() | dates,
    hold=st.none() | dates,
    today=dates,
    schedule=valid_schedules(),
)
def test_an_open_case_is_never_due(
    phase: Phase, stale: date | None, hold: date | None, today: date, schedule: list[RetentionRule]
) -> None:
    facts = RetentionFacts(
        "c1",
        phase,
        closed_at=stale,
        not_admitted_at=stale,
        legal_hold_until=hold,
        legal_hold_reason="Klacht" if hold else "",
    )
    assert due_actions(facts, schedule, today) == []
    assert next_due_date(facts, schedule, today) is None
    assert not subject_identity_may_go(SubjectFacts("p1"), facts, schedule, today)
