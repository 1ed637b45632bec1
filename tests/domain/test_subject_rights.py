"""The deadlines and rules of subject requests (AVG Art. 12.3-12.4), without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.retention import add_months
from schakel.domain.roles import Role
from schakel.domain.subject_rights import (
    InformingState,
    Outcome,
    RequestKind,
    check_extension,
    deadline_after,
    decision_errors,
    first_deadline,
    informing_errors,
    is_due_soon,
    is_overdue,
    may_answer_rectification,
    may_handle_subject_requests,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 3, 10), date(2026, 4, 10)),  # Friday -> Friday
        (date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday -> Monday 2 March
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year: Tuesday 29 February
        (date(2026, 3, 31), date(2026, 4, 30)),  # April has 30 days
        (date(2026, 5, 31), date(2026, 6, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),  # over the year end
        (date(2026, 8, 1), date(2026, 9, 1)),
        (date(2026, 10, 3), date(2026, 11, 3)),  # 3 November 2026 is a Tuesday
        (date(2026, 9, 14), date(2026, 10, 14)),
        (date(2026, 4, 4), date(2026, 5, 4)),  # 4 May 2026 Monday
        (date(2026, 6, 13), date(2026, 7, 13)),  # 13 July 2026 Monday
        (date(2026, 7, 11), date(2026, 8, 11)),  # Tuesday
        (date(2026, 2, 28), date(2026, 3, 30)),  # 28 March 2026 Saturday -> Monday 30
    ],
)
def test_one_month_with_month_ends_and_weekends(received: date, deadline: date) -> None:
    assert first_deadline(received) == deadline


@given(days)
def test_the_deadline_is_a_working_day_about_a_month_later(received: date) -> None:
    deadline = first_deadline(received)
    assert deadline.weekday() < 5
    assert 28 <= (deadline - received).days <= 31 + 2
    # The same day number next month (or that month's last day), moved only over a weekend.
    base = add_months(received, 1)
    assert base.day == min(received.day, base.day) and base.month != received.month
    assert 0 <= (deadline - base).days <= 2
    assert all((base + timedelta(days=n)).weekday() >= 5 for n in range((deadline - base).days))


@given(days, days)
def test_a_later_receipt_never_gets_an_earlier_deadline(a: date, b: date) -> None:
    early, late = sorted((a, b))
    assert first_deadline(early) <= first_deadline(late)


@given(days, st.integers(min_value=1, max_value=2))
def test_an_extension_is_later_and_within_three_months(received: date, months: int) -> None:
    extended = deadline_after(received, 1 + months)
    assert first_deadline(received) < extended <= deadline_after(received, 3)
    assert (extended - received).days <= 92 + 2


def test_a_period_under_a_month_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one month"):
        deadline_after(date(2026, 1, 1), 0)


def _extend(**overrides: object) -> object:
    args: dict[str, object] = {
        "received_on": date(2026, 3, 10),
        "today": date(2026, 3, 20),
        "already_extended": False,
        "completed": False,
        "months": 2,
        "reason": "Veel partijen; complex verzoek.",
    }
    args.update(overrides)
    return check_extension(**args)  # type: ignore[arg-type]


def test_an_extension_by_two_months_counts_from_receipt() -> None:
    check = _extend()
    assert check.allowed and check.new_deadline == date(2026, 6, 10)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"already_extended": True}, "already_extended"),
        ({"completed": True}, "completed"),
        ({"months": 3}, "months_out_of_range"),
        ({"months": 0}, "months_out_of_range"),
        ({"reason": "  "}, "reason_required"),
        ({"today": date(2026, 4, 11)}, "first_month_passed"),
    ],
)
def test_an_extension_is_refused(overrides: dict[str, object], reason: str) -> None:
    check = _extend(**overrides)
    assert not check.allowed and check.reason == reason  # type: ignore[attr-defined]


def test_the_deadline_day_itself_is_still_in_time() -> None:
    deadline = date(2026, 4, 10)
    assert not is_overdue(deadline=deadline, today=deadline, completed=False)
    assert is_overdue(deadline=deadline, today=deadline + timedelta(days=1), completed=False)
    assert not is_overdue(deadline=deadline, today=deadline + timedelta(days=9), completed=True)
    assert is_due_soon(deadline=deadline, today=deadline - timedelta(days=7), completed=False)
    assert not is_due_soon(deadline=deadline, today=deadline - timedelta(days=8), completed=False)
    assert not is_due_soon(deadline=deadline, today=deadline + timedelta(days=1), completed=False)


@pytest.mark.parametrize("kind", list(RequestKind))
def test_a_refusal_needs_grounds(kind: RequestKind) -> None:
    for outcome in (Outcome.refused, Outcome.partially_granted):
        assert decision_errors(kind=kind, outcome=outcome, grounds=" ") == [
            "grounds_required_for_refusal"
        ]
        assert decision_errors(kind=kind, outcome=outcome, grounds="Art. 23 AVG") == []


def test_an_erasure_always_records_grounds() -> None:
    assert decision_errors(kind=RequestKind.erasure, outcome=Outcome.granted, grounds="") == [
        "grounds_required_for_erasure"
    ]
    assert decision_errors(kind=RequestKind.access, outcome=Outcome.granted, grounds="") == []


def test_informing_rules() -> None:
    today = date(2026, 3, 10)
    ok = informing_errors(
        state=InformingState.informed,
        informed_on=today,
        postponed_reason="",
        review_on=None,
        today=today,
    )
    assert ok == {}
    assert informing_errors(
        state=InformingState.informed,
        informed_on=today + timedelta(days=1),
        postponed_reason="",
        review_on=None,
        today=today,
    ) == {"informed_on": "in_future"}
    assert informing_errors(
        state=InformingState.postponed,
        informed_on=None,
        postponed_reason="",
        review_on=today,
        today=today,
    ) == {"postponed_reason": "required", "review_on": "not_in_future"}
    assert (
        informing_errors(
            state=InformingState.not_yet,
            informed_on=None,
            postponed_reason="",
            review_on=None,
            today=today,
        )
        == {}
    )


def _actor(*roles: Role, party_id: int = 1, active: bool = True) -> Actor:
    return Actor(1, "x", party_id, PartyKind.partner, frozenset(roles), party_active=active)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_coordinator_and_the_privacy_officer_handle_requests(role: Role) -> None:
    expected = role in (Role.information_coordinator, Role.privacy_officer)
    assert may_handle_subject_requests(_actor(role)) is expected
    assert not may_handle_subject_requests(_actor(role, active=False))


def test_the_providing_party_answers_a_rectification() -> None:
    delegate = _actor(Role.partner_delegate, party_id=7)
    assert may_answer_rectification(delegate, providing_party_id=7)
    assert not may_answer_rectification(delegate, providing_party_id=8)
    assert not may_answer_rectification(_actor(Role.manager, party_id=7), providing_party_id=7)
    left = _actor(Role.partner_delegate, party_id=7, active=False)
    assert not may_answer_rectification(left, providing_party_id=7)
