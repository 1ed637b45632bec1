"""House roles and per-case roles."""

from __future__ import annotations

from schakel.domain.roles import (
    CASE_ROLE_LABELS_NL,
    ROLE_LABELS_NL,
    CaseRole,
    Role,
    actor_role_label_nl,
)


def test_labels_complete() -> None:
    assert set(ROLE_LABELS_NL) == set(Role)
    assert set(CASE_ROLE_LABELS_NL) == set(CaseRole)
    assert ROLE_LABELS_NL[Role.privacy_officer] == "Privacyfunctionaris (FG)"
    assert ROLE_LABELS_NL[Role.conference_secretary] == "Administratief medewerker"


def test_values_disjoint_so_they_can_share_a_set() -> None:
    both = frozenset({*Role, *CaseRole})
    assert len(both) == len(Role) + len(CaseRole)


def test_actor_role_label() -> None:
    assert actor_role_label_nl(Role.process_director) == "Procesregisseur"
    assert actor_role_label_nl(CaseRole.case_director) == "Casusregisseur"
