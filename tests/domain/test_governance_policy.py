"""The governance access table and the annual-plan check (pure, no database)."""

from __future__ import annotations

import pytest

from schakel.domain.actor import Actor
from schakel.domain.covenant import Body
from schakel.domain.governance_policy import (
    ANNUAL_PLAN_PARTS,
    GovAction,
    GovFacts,
    annual_plan_missing,
    governance_allows,
)
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role


def _actor(roles: set[Role], *, kind=PartyKind.partner, active=True, party_id=7) -> Actor:
    return Actor(1, "x", party_id, kind, frozenset(roles), party_active=active)


@pytest.mark.parametrize(
    ("roles", "action", "facts", "allowed"),
    [
        ({Role.manager}, GovAction.manage_meeting, GovFacts(), True),
        ({Role.steering_group_member}, GovAction.manage_meeting, GovFacts(), False),
        (
            {Role.steering_group_member},
            GovAction.view_meeting,
            GovFacts(body=Body.STEERING_GROUP, member_of=frozenset({Body.STEERING_GROUP})),
            True,
        ),
        (
            {Role.steering_group_member},
            GovAction.view_meeting,
            GovFacts(body=Body.CORE_GROUP, member_of=frozenset({Body.STEERING_GROUP})),
            False,
        ),
        ({Role.manager}, GovAction.view_meeting, GovFacts(body=Body.CORE_GROUP), True),
        ({Role.manager}, GovAction.vote, GovFacts(body=Body.STEERING_GROUP), False),
        ({Role.partner_delegate}, GovAction.record_consent, GovFacts(party_id=7), True),
        ({Role.partner_delegate}, GovAction.record_consent, GovFacts(party_id=8), False),
        ({Role.partner_delegate}, GovAction.view_joining, GovFacts(), False),
        ({Role.process_director}, GovAction.open_governance, GovFacts(), False),
        ({Role.functional_administrator}, GovAction.manage_register, GovFacts(), True),
        (
            {Role.functional_administrator},
            GovAction.view_meeting,
            GovFacts(body=Body.STEERING_GROUP),
            False,
        ),
        ({Role.partner_delegate}, GovAction.view_annual_plan, GovFacts(plan_sent=True), False),
    ],
)
def test_policy_table(roles, action, facts, allowed) -> None:
    assert governance_allows(_actor(roles), action, facts) is allowed


def test_policy_municipality_receives_the_sent_plan() -> None:
    town = _actor({Role.partner_delegate}, kind=PartyKind.municipality)
    assert governance_allows(town, GovAction.view_annual_plan, GovFacts(plan_sent=True))
    assert not governance_allows(town, GovAction.view_annual_plan, GovFacts(plan_sent=False))


def test_policy_inactive_party_may_nothing() -> None:
    gone = _actor({Role.manager, Role.steering_group_member}, active=False)
    assert not any(governance_allows(gone, a, GovFacts(party_id=7)) for a in GovAction)


def test_house_staff_record_consent_only_as_manager() -> None:
    house = _actor({Role.process_director}, kind=PartyKind.house)
    assert not governance_allows(house, GovAction.record_consent, GovFacts(party_id=7))
    assert governance_allows(
        _actor({Role.manager}, kind=PartyKind.house), GovAction.record_notice, GovFacts(party_id=3)
    )


def test_annual_plan_parts_art_4_4() -> None:
    assert len(ANNUAL_PLAN_PARTS) == 6
    everything = [key for key, _ in ANNUAL_PLAN_PARTS]
    assert annual_plan_missing(everything) == ()
    missing = annual_plan_missing(["vision", "priorities"])
    assert len(missing) == 4 and "de begroting (art. 4.4c)" in missing
    assert annual_plan_missing([])[0] == "de langetermijnvisie (art. 4.4a)"
