"""Who is acting: a user, the party they act for, and their roles. Built once per request."""

from __future__ import annotations

from dataclasses import dataclass

from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role

# Roles held by the house's own staff (Art. 3.1 d-h). Their access to cases differs from a
# partner delegate's, who sees only what concerns their own party.
HOUSE_STAFF_ROLES: frozenset[Role] = frozenset(
    {
        Role.manager,
        Role.process_director,
        Role.conference_secretary,
        Role.information_coordinator,
        Role.privacy_officer,
        Role.functional_administrator,
    }
)


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    party_id: int
    party_kind: PartyKind
    roles: frozenset[Role]
    # Art. 23: from the day a party's membership ends, its users have no access to cases.
    # The house itself is not a signatory and is always active.
    party_active: bool = True

    def has(self, *roles: Role) -> bool:
        """True when the actor holds at least one of ``roles``."""
        return not self.roles.isdisjoint(roles)

    @property
    def primary_role(self) -> Role | None:
        """The role recorded in the audit log when an action does not name one."""
        for role in Role:  # declaration order = precedence
            if role in self.roles:
                return role
        return None
