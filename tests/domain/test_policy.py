"""The access policy for cases (domain/policy.py): deny unless allowed, exhaustively."""

from __future__ import annotations

from dataclasses import fields
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.policy import (
    CASE_ROLES,
    CASE_STAFF_ROLES,
    HOUSE_WIDE_ROLES,
    CaseAction,
    CaseRelation,
    decide,
    may_see_cases_at_all,
)
from schakel.domain.roles import Role


def actor(*roles: Role, active: bool = True) -> Actor:
    return Actor(1, "u", 2, PartyKind.partner, frozenset(roles), party_active=active)


NAMES = [f.name for f in fields(CaseRelation)]
ALL_RELATIONS = [
    CaseRelation(**dict(zip(NAMES, values, strict=True)))
    for values in product([False, True], repeat=len(NAMES))
]


@pytest.mark.parametrize("role", sorted(HOUSE_WIDE_ROLES))
def test_house_wide_staff_may_do_everything_on_open_cases(role: Role) -> None:
    for relation in ALL_RELATIONS:
        for action in CaseAction:
            verdict = decide(actor(role), relation, action)
            expected = action == CaseAction.read or not relation.closed
            assert verdict.allowed is expected
            assert verdict.legal_basis


def test_house_wide_roles_are_the_secretary_and_the_information_coordinator() -> None:
    # The lead's decision (issue #4 item 5): only these two keep access to every case.
    assert {Role.conference_secretary, Role.information_coordinator} == HOUSE_WIDE_ROLES
    assert HOUSE_WIDE_ROLES | {Role.process_director} == CASE_STAFF_ROLES


def test_process_director_only_own_cases_the_intake_queue_or_a_grant() -> None:
    pd = actor(Role.process_director)
    for relation in ALL_RELATIONS:
        grounds = (
            relation.is_process_director or relation.unassigned_intake or relation.emergency_access
        )
        for action in CaseAction:
            verdict = decide(pd, relation, action)
            expected = grounds and (action == CaseAction.read or not relation.closed)
            assert verdict.allowed is expected, (relation, action)
            if verdict.allowed:
                assert verdict.legal_basis
    # Party involvement means nothing to a process director (the house is not a partner).
    verdict = decide(pd, CaseRelation(party_is_invited=True), CaseAction.read)
    assert (verdict.allowed, verdict.reason) == (False, "not_process_director_of_case")


@pytest.mark.parametrize(
    ("relation", "reason"),
    [
        (CaseRelation(is_process_director=True), "process_director"),
        (CaseRelation(unassigned_intake=True), "intake_queue"),
        (CaseRelation(emergency_access=True), "break_the_glass"),
    ],
)
def test_process_director_grounds_are_named(relation: CaseRelation, reason: str) -> None:
    verdict = decide(actor(Role.process_director), relation, CaseAction.read)
    assert (verdict.allowed, verdict.reason) == (True, reason)


def test_a_grant_does_nothing_for_a_delegate() -> None:
    verdict = decide(
        actor(Role.partner_delegate), CaseRelation(emergency_access=True), CaseAction.read
    )
    assert verdict.allowed is False


def test_case_director_without_party_involvement_is_not_let_in_by_the_filter_facts() -> None:
    # relation_for only sets is_case_director together with the party's involvement; the
    # policy itself still names the case director as its own ground (Art. 13.1).
    relation = CaseRelation(is_case_director=True, party_is_case_director_party=True)
    verdict = decide(actor(Role.partner_delegate), relation, CaseAction.update)
    assert (verdict.allowed, verdict.reason) == (True, "case_director")


@pytest.mark.parametrize(
    "role",
    [
        Role.manager,
        Role.steering_group_member,
        Role.core_group_member,
        Role.functional_administrator,
        Role.privacy_officer,
    ],
)
def test_roles_without_case_content_see_nothing(role: Role) -> None:
    for relation in ALL_RELATIONS:
        for action in CaseAction:
            assert decide(actor(role), relation, action).allowed is False
    assert may_see_cases_at_all(actor(role)) is False


def test_delegate_only_when_party_involved() -> None:
    for relation in ALL_RELATIONS:
        involved = relation.party_involved or relation.is_case_director
        for action in CaseAction:
            verdict = decide(actor(Role.partner_delegate), relation, action)
            assert verdict.allowed is (
                involved and (action == CaseAction.read or not relation.closed)
            )
    verdict = decide(actor(Role.partner_delegate), CaseRelation(), CaseAction.read)
    assert verdict.reason == "party_not_involved"


def test_party_that_left_sees_nothing() -> None:
    for role in Role:
        for relation in ALL_RELATIONS:
            verdict = decide(actor(role, active=False), relation, CaseAction.read)
            assert not verdict.allowed
    assert (
        decide(
            actor(Role.process_director, active=False), CaseRelation(), CaseAction.read
        ).legal_basis
        == "Art. 23"
    )


def test_closed_is_read_only() -> None:
    verdict = decide(actor(Role.process_director), CaseRelation(closed=True), CaseAction.update)
    assert (verdict.allowed, verdict.reason) == (False, "case_closed")


@given(
    roles=st.frozensets(st.sampled_from(list(Role))),
    relation=st.sampled_from(ALL_RELATIONS),
    action=st.sampled_from(list(CaseAction)),
    active=st.booleans(),
)
def test_deny_unless_a_case_role(roles, relation, action, active) -> None:
    a = Actor(1, "u", 2, PartyKind.partner, roles, party_active=active)
    verdict = decide(a, relation, action)
    if verdict.allowed:
        assert active and roles & CASE_ROLES
        assert may_see_cases_at_all(a)
    else:
        assert verdict.reason
