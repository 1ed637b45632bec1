"""Who may see and change retention: the schedule, legal holds and deletion receipts.

Deny unless allowed. Readings chosen here:

* The privacy officer (functionaris gegevensbescherming) supervises retention under the house's
  privacy protocol (art. 11): she sees what is due, what is held and what was deleted, exports
  the receipts, places and lifts legal holds, and may set the house's schedule.
* The functional administrator configures the system (Art. 3.1h): he may read and set the
  schedule, but sees no holds or receipts (they name cases).
* Nobody else sees anything here; a party that left the covenant sees nothing (Art. 23).
"""

from __future__ import annotations

from enum import StrEnum

from schakel.domain.actor import Actor
from schakel.domain.roles import Role


class RetentionAction(StrEnum):
    view_overview = "view_overview"  # due soon, held, deleted (receipts) and their export
    manage_holds = "manage_holds"
    view_schedule = "view_schedule"
    edit_schedule = "edit_schedule"


_ALLOWED: dict[RetentionAction, frozenset[Role]] = {
    RetentionAction.view_overview: frozenset({Role.privacy_officer}),
    RetentionAction.manage_holds: frozenset({Role.privacy_officer}),
    RetentionAction.view_schedule: frozenset({Role.privacy_officer, Role.functional_administrator}),
    RetentionAction.edit_schedule: frozenset({Role.privacy_officer, Role.functional_administrator}),
}


def retention_allows(actor: Actor, action: RetentionAction) -> bool:
    """True when ``actor`` may do ``action``."""
    return actor.party_active and actor.has(*_ALLOWED[action])
