"""Who may see the management information (Art. 11.3e, 19.2): the whole matrix; deny unless
allowed."""

from __future__ import annotations

import pytest

from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.reports_policy import ReportAction, reports_allow, sees_staff_names
from schakel.domain.roles import Role

A = ReportAction
EXPECTED: dict[Role, set[ReportAction]] = {
    Role.manager: set(ReportAction),
    Role.steering_group_member: {A.view_dashboard, A.view_report, A.export_report},
    Role.process_director: {A.view_dashboard},
    Role.functional_administrator: set(),
    Role.privacy_officer: set(),
    Role.partner_delegate: set(),
    Role.conference_secretary: set(),
    Role.information_coordinator: set(),
    Role.core_group_member: set(),
}


def _actor(*roles: Role, active: bool = True) -> Actor:
    return Actor(1, "x", 1, PartyKind.house, frozenset(roles), party_active=active)


def test_every_role_is_in_the_table() -> None:
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(ReportAction))
def test_matrix(role: Role, action: ReportAction) -> None:
    assert reports_allow(_actor(role), action) is (action in EXPECTED[role])


def test_no_roles_no_access_and_a_party_that_left_sees_nothing() -> None:
    assert not any(reports_allow(_actor(), action) for action in ReportAction)
    assert not any(reports_allow(_actor(Role.manager, active=False), a) for a in ReportAction)


def test_only_the_manager_sees_staff_names() -> None:
    assert sees_staff_names(_actor(Role.manager))
    assert not sees_staff_names(_actor(Role.steering_group_member, Role.process_director))
