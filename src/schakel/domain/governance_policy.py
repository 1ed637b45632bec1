"""Who may see and do what in the governance of the house (Art. 4-7, 19-23).

One small table, used by the governance selectors (what is visible) and services (what may be
written). Readings chosen here:

* The manager is the secretary of the Stuurgroep (Art. 4.3, 4.7) and organises the
  Kerngroepoverleg (Art. 6.7): the manager sees and prepares everything in both bodies and keeps
  the registers of joining, leaving and amendments.
* Meetings are not public (Art. 5.9, 7.6): only the members of that body (and the manager) see a
  meeting, its agenda, documents, minutes and motions. Anyone else gets "not found".
* Decisions of one body are reported to the other (Art. 5.8, 6.7, 7.5), so members of either body
  read the decision register.
* The functional administrator keeps the covenant register (versions, signatures), not meetings,
  and, with the manager, the seats in the two bodies (who sits where, with which mandate).
* A party speaks for itself: its delegates see and record their own party's consent to a joining
  (Art. 21.4) and its own notice (Art. 23.1b); the manager records them on receipt of a letter.
* The annual plan, once adopted, goes to the municipalities and the Kerngroepoverleg for
  information (Art. 4.6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from schakel.domain.actor import Actor
from schakel.domain.covenant_votes import Body
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role


class GovAction(StrEnum):
    open_governance = "open_governance"  # the "Bestuur" section at all
    view_register = "view_register"  # covenant register: versions, signatures, term
    manage_register = "manage_register"  # record signatures, upload signed copies
    view_joining = "view_joining"  # join requests and their consents
    receive_join_request = "receive_join_request"  # Art. 21.2: a member records a request
    manage_joining = "manage_joining"  # Art. 21.3, 21.4: inform parties, Annex 1
    record_consent = "record_consent"  # Art. 21.4: a party's consent (own party, or manager)
    record_notice = "record_notice"  # Art. 23.1b, 23.1c, 22.3 (own party, or manager)
    view_notices = "view_notices"
    manage_exclusion = "manage_exclusion"  # Art. 23.2: notice of default, hearing
    view_meeting = "view_meeting"  # Art. 5.9, 7.6: members of the body only
    manage_meeting = "manage_meeting"  # Art. 4.7, 6.7: secretary / manager
    manage_seats = "manage_seats"  # Art. 4.3, 6.3, 6.5: who sits in which body
    vote = "vote"  # a member of the body, for themself
    view_decisions = "view_decisions"  # Art. 5.8, 7.5
    view_annual_plan = "view_annual_plan"
    manage_annual_plan = "manage_annual_plan"  # drafted by the manager, adopted by the SG
    manage_amendments = "manage_amendments"  # Art. 22


GOVERNANCE_ROLES: frozenset[Role] = frozenset(
    {
        Role.manager,
        Role.steering_group_member,
        Role.core_group_member,
        Role.functional_administrator,
        Role.partner_delegate,
    }
)
_BOARD: frozenset[Role] = frozenset(
    {Role.manager, Role.steering_group_member, Role.core_group_member}
)

# Actions decided by house role alone.
_BY_ROLE: dict[GovAction, frozenset[Role]] = {
    GovAction.open_governance: GOVERNANCE_ROLES,
    GovAction.view_register: _BOARD | {Role.functional_administrator},
    GovAction.manage_register: frozenset({Role.manager, Role.functional_administrator}),
    GovAction.view_joining: _BOARD,
    GovAction.receive_join_request: _BOARD,
    GovAction.manage_joining: frozenset({Role.manager}),
    GovAction.view_notices: _BOARD,
    GovAction.manage_exclusion: frozenset({Role.manager}),
    GovAction.manage_meeting: frozenset({Role.manager}),
    GovAction.manage_seats: frozenset({Role.manager, Role.functional_administrator}),
    GovAction.view_decisions: _BOARD,
    GovAction.manage_annual_plan: frozenset({Role.manager}),
    GovAction.manage_amendments: frozenset({Role.manager}),
}


@dataclass(frozen=True)
class GovFacts:
    """What the caller knows about the thing the action is on."""

    body: Body | None = None  # the body of a meeting or motion
    member_of: frozenset[Body] = frozenset()  # bodies the actor sits in (active membership)
    party_id: int | None = None  # the party a consent or notice is for
    plan_sent: bool = False  # Art. 4.6: the annual plan has been sent for information


def governance_allows(actor: Actor, action: GovAction, facts: GovFacts = GovFacts()) -> bool:
    """True when ``actor`` may do ``action``. A party that left sees nothing (Art. 23)."""
    if not actor.party_active:
        return False
    if action in _BY_ROLE:
        return actor.has(*_BY_ROLE[action])
    manager = actor.has(Role.manager)
    if action is GovAction.view_meeting:
        return manager or (facts.body is not None and facts.body in facts.member_of)
    if action is GovAction.vote:
        return facts.body is not None and facts.body in facts.member_of
    if action in (GovAction.record_consent, GovAction.record_notice):
        own = (
            facts.party_id is not None
            and facts.party_id == actor.party_id
            and actor.party_kind is not PartyKind.house
            and actor.has(Role.partner_delegate, Role.steering_group_member, Role.core_group_member)
        )
        return manager or own
    if action is GovAction.view_annual_plan:
        board = actor.has(*_BOARD)
        # Art. 4.6: after adoption the municipalities and the core group receive it.
        informed = facts.plan_sent and actor.party_kind is PartyKind.municipality
        return board or informed
    raise ValueError(f"unknown governance action {action!r}")  # pragma: no cover


# --- Annual plan (Art. 4.4) ---------------------------------------------------------------------

ANNUAL_PLAN_PARTS: tuple[tuple[str, str], ...] = (
    ("vision", "de langetermijnvisie (art. 4.4a)"),
    ("priorities", "de prioriteiten voor het kalenderjaar (art. 4.4b)"),
    ("budget", "de begroting (art. 4.4c)"),
    ("accounts", "de jaarrekening inclusief jaarverslag (art. 4.4c)"),
    ("quality", "de borging van kwaliteit en informatiebeveiliging en de evaluatie (art. 4.4d)"),
    ("target_groups", "de doelgroepen (art. 4.4e)"),
)


def annual_plan_missing(filled: Iterable[str]) -> tuple[str, ...]:
    """Dutch names of the parts Art. 4.4 requires that the plan does not have yet."""
    present = set(filled)
    return tuple(label for key, label in ANNUAL_PLAN_PARTS if key not in present)
