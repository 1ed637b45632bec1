"""Need-to-know: who may read, edit or move a case, and on which ground (one place decides).

`decide` is pure: the caller derives `CaseRelation` (the actor's relation to one case) from the
stored case; the selectors apply the same rules as a queryset filter
(`schakel.cases.selectors.case_visibility_q`), and a test checks that both agree.

Case rules (issue #3; reads of information items are refined by `decide_item` below, issue #4):

* deny unless a rule allows;
* a party whose membership ended sees nothing (Art. 23);
* the conference secretary and the information coordinator keep house-wide access: the
  secretary draws up every agenda and invites the parties (Art. 15.2, 15.4), the information
  coordinator is the first point of contact for every transfer of information, which includes
  answering subject access requests over all cases (Art. 14.2). Both work for all process
  directors at once (Art. 14.3, 15.1), so narrowing them to "their" cases has no anchor;
* a process director acts only on the cases they direct (Art. 12.1: "bevoegd en
  verantwoordelijk voor de Procesregie" of that case), and on cases that have no process
  director yet while they are still in the intake phases (referral, triage), so the team can
  pick up and assign new referrals (Art. 12.2a-b, 15.3). Any other case only through
  break-the-glass: a time-boxed grant with a written reason, logged and reported to the
  privacy officer and the case's process director (issue #4 item 5). Before this rule every
  process director could open every case, so there was nothing to break;
* a partner delegate only on cases their party is involved in: the referring party (Art. 1.7),
  the municipality (Art. 2.1), a consulted party (Art. 1.8), an invited party (Art. 12.2e) or
  the case director's party (Art. 13.1), or when they are the case director themselves (the
  case director's party always holds an active involvement, so the list filter needs one
  indexed EXISTS on the party, issue #9);
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
from schakel.domain.workflow import Phase


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
    # No process director yet and still in an intake phase (referral, triage): the queue.
    unassigned_intake: bool = False
    # The actor holds an active break-the-glass grant for this case (sharing.EmergencyAccess).
    emergency_access: bool = False

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


HOUSE_WIDE_ROLES: frozenset[Role] = frozenset(
    {Role.conference_secretary, Role.information_coordinator}
)
"""House roles that work on every case of the house (Art. 14, 15)."""

CASE_STAFF_ROLES: frozenset[Role] = HOUSE_WIDE_ROLES | {Role.process_director}
"""House roles that work on cases (the process director only on their own, see `decide`)."""

INTAKE_PHASES: frozenset[Phase] = frozenset({Phase.referral, Phase.triage})
"""Phases in which a case without a process director is open to every process director."""

CASE_ROLES: frozenset[Role] = CASE_STAFF_ROLES | {Role.partner_delegate}
"""The only roles that can ever see a case (the selectors filter on these)."""

_DENY_DEFAULT = Decision(False, "no_role", "")


def decide(actor: Actor, facts: CaseRelation, action: CaseAction) -> Decision:
    """May `actor` take `action` on a case with relation `facts`? Deny unless allowed."""
    if not actor.party_active:
        return Decision(False, "party_not_active", "Art. 23")
    if facts.closed and action != CaseAction.read:
        return Decision(False, "case_closed", "Art. 1.12; Bijlage 3, Fase 5")
    if actor.has(*HOUSE_WIDE_ROLES):
        return Decision(True, "house_staff", "Art. 14, 15")
    if actor.has(Role.process_director):
        if facts.is_process_director:
            return Decision(True, "process_director", "Art. 12.1, 12.2")
        if facts.unassigned_intake:
            return Decision(True, "intake_queue", "Art. 12.2a-b, 15.3")
        if facts.emergency_access:
            return Decision(True, "break_the_glass", "Art. 12.1; AVG Art. 5.1f, 32")
        if not actor.has(Role.partner_delegate):
            return Decision(False, "not_process_director_of_case", "Art. 12.1")
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


# --------------------------------------------------------------------------- information items


class ItemAction(StrEnum):
    """What can be done with an information item (issue #4)."""

    add = "add"  # contribute an item to a case
    read = "read"  # read its content
    propose = "propose"  # propose a release to a recipient party (process director)
    decide = "decide"  # approve or refuse a proposed release (providing party)
    withdraw = "withdraw"  # withdraw a release (providing party)
    consent = "consent"  # record written consent for a third party (Art. 9.2)
    attach = "attach"  # attach a file to the item (providing party)


@dataclass(frozen=True)
class ItemFacts:
    """The actor's relation to one information item (facts only; filled by the selectors)."""

    case: CaseRelation
    is_provider_party: bool = False
    # Purposes of the approved, not withdrawn releases to the actor's party.
    released_purposes: frozenset[str] = frozenset()
    withdrawn: bool = False


PROVIDER_ACTIONS: frozenset[ItemAction] = frozenset(
    {ItemAction.decide, ItemAction.withdraw, ItemAction.consent, ItemAction.attach}
)


def directs_case(actor: Actor, case: CaseRelation) -> bool:
    """A process director of the case, or one holding a break-the-glass grant for it: reads
    its items without a release (Art. 12.2f, 17.2)."""
    return actor.has(Role.process_director) and (case.is_process_director or case.emergency_access)


def reads_without_release(actor: Actor, case: CaseRelation, *, is_provider_party: bool) -> bool:
    """Whether releases to the actor's party play no part in what the actor may do with an
    item: the providing party and the directing process director never need one, so a
    selector need not ask for them (`decide_item`)."""
    return is_provider_party or directs_case(actor, case)


def decide_item(actor: Actor, facts: ItemFacts, action: ItemAction) -> Decision:
    """May `actor` take `action` on an information item? Deny unless allowed.

    * the item lives inside a case: whoever may not read the case gets nothing (this covers a
      party that left the covenant, the manager, the privacy officer, outsiders and parties
      removed from the case);
    * a closed case is read-only, and narrowed: only the providing party and the process
      director still read its items (a release served the work on the case, which ended);
    * the providing party (the controller for this item, Art. 12.2f) and the case's process
      director (Art. 12.2f, 17.2; also a process director holding a break-the-glass grant for
      the case) read it; another process director, even one who sees the case in the intake
      queue, does not;
    * any other party reads it only after the providing party released it to that party
      (Art. 17.2), and loses it the moment the release or the item is withdrawn;
    * the process director proposes releases; only the providing party decides, withdraws
      (a release, or the whole item), attaches files and records consent for third parties
      (Art. 9.2). A withdrawn item is read by its provider only; nothing more happens to it;
    * an attachment is read exactly when its item is read (`read` covers both).
    """
    case_read = decide(actor, facts.case, CaseAction.read)
    if not case_read.allowed:
        return case_read
    if facts.case.closed and action != ItemAction.read:
        return Decision(False, "case_closed", "Art. 1.12; Bijlage 3, Fase 5")
    is_pd = directs_case(actor, facts.case)
    if action == ItemAction.add:
        return Decision(True, "involved_in_case", "Art. 12.2f, 17.1")
    if action == ItemAction.read:
        if facts.is_provider_party:
            return Decision(True, "provider_party", "Art. 12.2f")
        if facts.withdrawn:
            return Decision(False, "item_withdrawn", "Art. 17.2")
        if is_pd:
            return Decision(True, "process_director", "Art. 12, 17.2")
        if facts.case.closed:
            return Decision(False, "case_closed", "Art. 1.12")
        if facts.released_purposes:
            return Decision(True, "released_to_party", "Art. 17.2")
        return Decision(False, "not_released", "Art. 17.2")
    if facts.withdrawn:
        return Decision(False, "item_withdrawn", "Art. 17.2")
    if action == ItemAction.propose:
        if is_pd:
            return Decision(True, "process_director", "Art. 12.2f")
        return Decision(False, "not_process_director", "Art. 12.2f")
    if action in PROVIDER_ACTIONS:
        if facts.is_provider_party:
            basis = "Art. 9.2" if action == ItemAction.consent else "Art. 12.2f, 17.2"
            return Decision(True, "provider_party", basis)
        return Decision(False, "not_provider_party", "Art. 12.2f, 17.2")
    return _DENY_DEFAULT


def may_read_access_log(actor: Actor) -> bool:
    """Only the privacy officer (FG) reads the access log (AVG Art. 38-39); reads are logged."""
    return actor.party_active and actor.has(Role.privacy_officer)
