"""Who may see and do what with the management information (Art. 11.3e, 19.2, 2.2c).

Deny unless allowed. Readings chosen here:

* The manager writes the report to the steering group (Art. 11.3e) and supervises the house's
  finances (Art. 19.2): the manager sees everything here and is the only one who edits the
  finances and the report's free text.
* Steering-group members receive the report (Art. 11.3e): they see the dashboard and the report,
  budget against actual included, and may export it.
* Process directors see the dashboard (indicators only): the figures help them steer the work,
  the finances are not theirs.
* The functional administrator configures the system and sees nothing here; every other role
  sees nothing either. A party that left the covenant sees nothing (Art. 23).

The figures are anonymous aggregates, never case content, so reading them needs no per-subject
audit event; every export is audited by the caller.
"""

from __future__ import annotations

from enum import StrEnum

from schakel.domain.actor import Actor
from schakel.domain.roles import Role


class ReportAction(StrEnum):
    view_dashboard = "view_dashboard"
    view_report = "view_report"  # the report to the steering group, budget vs actual included
    export_report = "export_report"  # CSV, XLSX, PDF
    edit_report = "edit_report"  # the free-text points of attention
    view_finances = "view_finances"  # the finance screens: budget lines, contributions, spending
    manage_finances = "manage_finances"


_ALLOWED: dict[ReportAction, frozenset[Role]] = {
    ReportAction.view_dashboard: frozenset(
        {Role.manager, Role.steering_group_member, Role.process_director}
    ),
    ReportAction.view_report: frozenset({Role.manager, Role.steering_group_member}),
    ReportAction.export_report: frozenset({Role.manager, Role.steering_group_member}),
    ReportAction.edit_report: frozenset({Role.manager}),
    ReportAction.view_finances: frozenset({Role.manager}),
    ReportAction.manage_finances: frozenset({Role.manager}),
}


def reports_allow(actor: Actor, action: ReportAction) -> bool:
    """True when ``actor`` may do ``action``."""
    if not actor.party_active:
        return False
    return actor.has(*_ALLOWED[action])


def sees_staff_names(actor: Actor) -> bool:
    """The manager leads the staff (Art. 11.3b) and sees the breakdown per process director by
    name; everyone else sees it per anonymous letter (staff data is personal data too)."""
    return actor.party_active and actor.has(Role.manager)
