"""Labels of the meetings app: the shell's menu item and an item's outcome (the Dutch lives
in this app's catalogue and in the workflow table)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from schakel.core.links import page_path
from schakel.domain.actor import Actor
from schakel.domain.meetings_policy import may_open_meetings, may_plan_meetings
from schakel.domain.workflow import DECISION_LABELS_NL, Decision
from schakel.meetings.services.minutes import PLAN_ADOPTED


def meetings_navigation(actor: Actor) -> list[dict[str, Any]]:
    if may_plan_meetings(actor):
        return [{"label": _("Case conferences"), "url": page_path("meetings:board")}]
    if may_open_meetings(actor):
        return [{"label": _("My meetings"), "url": page_path("meetings:mine")}]
    return []


def outcome_label(outcome: str) -> str:
    """What was decided on an agenda item, in Dutch ("" when nothing yet)."""
    if outcome == PLAN_ADOPTED:
        return _("Plan of action adopted")
    if outcome in Decision.__members__:
        return DECISION_LABELS_NL[Decision(outcome)]
    return ""
