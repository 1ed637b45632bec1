"""Who may see and do what with case conferences and MDOs (issue #6; Art. 8, 9, 12, 15).

Deny unless allowed. Readings chosen here:

* The conference secretary prepares every agenda, the invitations and the minutes for all
  process directors at once (Art. 15.1-15.2): she plans meetings and sees every agenda item.
* A process director plans meetings too; they run and see every item of a meeting they chair
  (Bijlage 3 Fase 3: the process director chairs the table). At a meeting chaired by someone
  else they see the items about the cases they direct (Art. 12.1), like a participant.
* A partner delegate sees an agenda item only while their party is invited *for that item*,
  with a recorded justification (Art. 12.2e, 15.2). Being invited for one case at a table gives
  no sight of the other cases on the same agenda: the meeting is not public (Art. 9.2).
* Everyone else (manager, privacy officer, boards, administrator) sees no agenda: the items and
  minutes are case content. A party that left the covenant sees nothing (Art. 23).

An item the actor may not see answers 404, exactly like a missing one, for the item, its
minutes, its PDF and the meeting's calendar file alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schakel.domain.actor import Actor
from schakel.domain.policy import Decision
from schakel.domain.roles import Role

PLANNER_ROLES: frozenset[Role] = frozenset({Role.conference_secretary, Role.process_director})
"""House roles that plan meetings (Art. 12, 15.2)."""


class MeetingAction(StrEnum):
    manage = "manage"  # change, cancel; compose the agenda; invite; minutes; decisions
    read_item = "read_item"  # an agenda item, its minutes and its PDF


@dataclass(frozen=True)
class MeetingItemFacts:
    """The actor's relation to one meeting and one of its items (facts only; the selectors
    fill them). For the meeting as a whole the item facts stay False."""

    is_chair: bool = False  # the actor chairs the meeting
    directs_case: bool = False  # the actor is the process director of the item's case
    party_invited: bool = False  # an active invitation of the actor's party for this item


def may_plan_meetings(actor: Actor) -> bool:
    """The planning board and "plan a meeting": the secretary and the process directors."""
    return actor.party_active and actor.has(*PLANNER_ROLES)


def may_open_meetings(actor: Actor) -> bool:
    """True when some meeting could ever be visible to the actor (menus, list pages)."""
    return actor.party_active and actor.has(*PLANNER_ROLES, Role.partner_delegate)


def sees_whole_agenda(actor: Actor, *, is_chair: bool) -> bool:
    """The secretary, and the chair of this meeting, see and run all of its items."""
    return actor.party_active and (
        actor.has(Role.conference_secretary) or (is_chair and actor.has(Role.process_director))
    )


def decide_meeting_item(actor: Actor, facts: MeetingItemFacts, action: MeetingAction) -> Decision:
    """May `actor` take `action` on a meeting item with relation `facts`? Deny unless allowed."""
    if not actor.party_active:
        return Decision(False, "party_not_active", "Art. 23")
    if actor.has(Role.conference_secretary):
        return Decision(True, "conference_secretary", "Art. 15.1, 15.2")
    if actor.has(Role.process_director) and facts.is_chair:
        return Decision(True, "chair", "Art. 12; Bijlage 3, Fase 3")
    if action == MeetingAction.manage:
        return Decision(False, "not_secretary_or_chair", "Art. 15.2")
    if actor.has(Role.process_director) and facts.directs_case:
        return Decision(True, "process_director_of_case", "Art. 12.1")
    if actor.has(Role.partner_delegate) and facts.party_invited:
        return Decision(True, "invited_for_item", "Art. 12.2e, 15.2")
    return Decision(False, "not_invited_for_item", "Art. 9.2, 12.2e")
