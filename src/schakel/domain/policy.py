"""Need-to-know: who may read, edit or move a case, and on which ground (one place decides).

`decide` is pure: the caller derives `CaseRelation` (the actor's relation to one case) from the
stored case; the selectors apply the same rules as a queryset filter
(`schakel.cases.selectors.case_visibility_q`), and a test checks that both agree.

Rules for now (issue #3; the information-sharing issue refines reads to item level):

* deny unless a rule allows;
* a party whose membership ended sees nothing (Art. 23);
* house staff who work on cases (process director, conference secretary, information
  coordinator) may act on every case (Art. 12, 14, 15);
* a partner delegate only on cases their party is involved in: the referring party (Art. 1.7),
  the municipality (Art. 2.1), a consulted party (Art. 1.8), an invited party (Art. 12.2e) or
  the case director's party (Art. 13.1), or when they are the case director themselves;
* the manager, steering and core group members and the functional administrator see no case
  content (the manager sees figures, Art. 11.3e); the privacy officer neither, until the
  privacy issue decides her access to the log and the subject requests;
* a closed case (closed or not admitted) is read-only for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schakel.domain.actor import Actor
from schakel.domain.roles import Role


class CaseAction(StrEnum):
    read = "read"
    update = "update"
    transition = "transition"


@dataclass(frozen=True)
class CaseRelation:
    """The actor's relation to one case (facts only; filled by the selectors)."""

    party_is_referrer: bool = False
    party_is_municipality: bool = False
    party_is_consulted: bool = False
    party_is_invited: bool = False
    party_is_case_director_party: bool = False
    is_process_director: bool = False
    is_case_director: bool = False
    closed: bool = False

    @property
    def party_involved(self) -> bool:
        return (
            self.party_is_referrer
            or self.party_is_municipality
            or self.party_is_consulted
            or self.party_is_invited
            or self.party_is_case_director_party
        )


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    legal_basis: str


CASE_STAFF_ROLES: frozenset[Role] = frozenset(
    {Role.process_director, Role.conference_secretary, Role.information_coordinator}
)
"""House roles that work on every case of the house."""

CASE_ROLES: frozenset[Role] = CASE_STAFF_ROLES | {Role.partner_delegate}
"""The only roles that can ever see a case (the selectors filter on these)."""

_DENY_DEFAULT = Decision(False, "no_role", "")


def decide(actor: Actor, facts: CaseRelation, action: CaseAction) -> Decision:
    """May `actor` take `action` on a case with relation `facts`? Deny unless allowed."""
    if not actor.party_active:
        return Decision(False, "party_not_active", "Art. 23")
    if facts.closed and action != CaseAction.read:
        return Decision(False, "case_closed", "Art. 1.12; Bijlage 3, Fase 5")
    if actor.has(*CASE_STAFF_ROLES):
        return Decision(True, "house_staff", "Art. 12, 14, 15")
    if actor.has(Role.partner_delegate):
        if facts.is_case_director:
            return Decision(True, "case_director", "Art. 13.1")
        if facts.party_is_referrer:
            return Decision(True, "referring_party", "Art. 1.7")
        if facts.party_is_municipality:
            return Decision(True, "municipality", "Art. 2.1")
        if facts.party_is_case_director_party:
            return Decision(True, "case_director_party", "Art. 13.1")
        if facts.party_is_invited:
            return Decision(True, "invited_party", "Art. 12.2e, 15.2")
        if facts.party_is_consulted:
            return Decision(True, "consulted_party", "Art. 1.8, 12.2b")
        return Decision(False, "party_not_involved", "Art. 12.2e, 17.2")
    return _DENY_DEFAULT


def may_see_cases_at_all(actor: Actor) -> bool:
    """True when some case could ever be visible to the actor (menus, list pages)."""
    return actor.party_active and actor.has(*CASE_ROLES)
