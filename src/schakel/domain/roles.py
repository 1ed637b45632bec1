"""Roles in the house (Art. 4-15) and per-case relations (Art. 12, 13, 1.7).

`Role` is what a user *is* in the house (assigned by the functional administrator);
`CaseRole` is what a user *is for one case* (derived from the case record). Workflow rules
accept either. The two enums have disjoint values on purpose: both are `StrEnum`, so members
hash like their string values and may share one `frozenset`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    """House-wide roles."""

    manager = "manager"  # Art. 11
    process_director = "process_director"  # Procesregisseur, Art. 12
    conference_secretary = "conference_secretary"  # Ondersteuner casustafels, Art. 15
    information_coordinator = "information_coordinator"  # Art. 14
    partner_delegate = "partner_delegate"  # afgevaardigde aan de casustafel, Art. 8.2, 10
    steering_group_member = "steering_group_member"  # Art. 4
    core_group_member = "core_group_member"  # Art. 6
    privacy_officer = "privacy_officer"  # FG; reads the access log
    functional_administrator = "functional_administrator"  # users and configuration


ROLE_LABELS_NL: Mapping[Role, str] = MappingProxyType(
    {
        Role.manager: "Manager",
        Role.process_director: "Procesregisseur",
        Role.conference_secretary: "Administratief medewerker",
        Role.information_coordinator: "Informatiecoördinator",
        Role.partner_delegate: "Partnerafgevaardigde",
        Role.steering_group_member: "Lid stuurgroep",
        Role.core_group_member: "Lid kerngroep",
        Role.privacy_officer: "Privacyfunctionaris (FG)",
        Role.functional_administrator: "Functioneel beheerder",
    }
)


class CaseRole(StrEnum):
    """A user's relation to one specific case."""

    case_process_director = "case_process_director"  # the process director of this case (Art. 12)
    case_director = "case_director"  # Casusregisseur of this case (Art. 13)
    referrer = "referrer"  # acts for the referring party (Art. 1.7)


CASE_ROLE_LABELS_NL: Mapping[CaseRole, str] = MappingProxyType(
    {
        CaseRole.case_process_director: "Procesregisseur van de casus",
        CaseRole.case_director: "Casusregisseur",
        CaseRole.referrer: "Aanmelder",
    }
)

ActorRole = Role | CaseRole
"""Anything a workflow rule may name as an allowed actor."""


def actor_role_label_nl(role: ActorRole) -> str:
    """Dutch label of a house role or a case role."""
    if isinstance(role, Role):
        return ROLE_LABELS_NL[role]
    return CASE_ROLE_LABELS_NL[role]
