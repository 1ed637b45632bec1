"""The only write path to meetings: keyword-only, `actor` first, one transaction each."""

from schakel.meetings.services.agenda import (
    agenda_item_add,
    invitation_add,
    invitation_remove,
)
from schakel.meetings.services.minutes import (
    PLAN_ADOPTED,
    AttendanceInput,
    PlanInput,
    attendance_record,
    item_adopt_plan,
    item_decide,
    minutes_context,
    minutes_save,
    minutes_send,
)
from schakel.meetings.services.ordering import agenda_item_move, agenda_item_remove
from schakel.meetings.services.planning import (
    MeetingInput,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_update,
)

__all__ = [
    "PLAN_ADOPTED",
    "AttendanceInput",
    "MeetingInput",
    "PlanInput",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "attendance_record",
    "invitation_add",
    "invitation_remove",
    "item_adopt_plan",
    "item_decide",
    "meeting_cancel",
    "meeting_create",
    "meeting_mark_held",
    "meeting_update",
    "minutes_context",
    "minutes_save",
    "minutes_send",
]
