"""Changing a composed agenda: taking an item off and moving items up or down (Art. 12.2c-e,
15.2). Only while the meeting is planned: once held, the agenda is what was discussed.

Taking an item off ends its invitations; a party invited for no other item of that case loses
its involvement in the case through `cases.services.case_party_remove` (as withdrawing an
invitation does), and a party invited for nothing else in the meeting gets the cancellation.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden
from schakel.domain.actor import Actor
from schakel.meetings.models import AgendaItem, Invitation, Meeting, MeetingStatus
from schakel.meetings.services._common import (
    audit_change,
    lock_item,
    meeting_write,
    raise_if,
    require_status,
)
from schakel.meetings.services.agenda import (
    PURPOSE_AGENDA,
    end_involvement_if_last,
    send_cancel_to_parties,
)

MOVES = ("up", "down")


def _lock_agenda(item: AgendaItem) -> None:
    """Agenda changes of one meeting take turns (adding an item locks the meeting too), so
    two moves at once cannot leave two items at the same position; the status is read under
    the lock."""
    item.meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)


def _renumber(meeting: Meeting) -> None:
    """Positions 1..n in the current order (one UPDATE per item that moved)."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    changed = []
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


@meeting_write
def agenda_item_remove(*, actor: Actor, ctx: AuditContext, item_id: int) -> Meeting:
    """Take a case off a planned agenda. Its invitations end (and with them, where it was the
    party's last item of the case, the party's sight of the case); the item, and minutes
    written in advance, are deleted with it. A decided item stays: it is the record of what
    the table decided."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    _lock_agenda(item)
    meeting = item.meeting
    require_status(meeting, MeetingStatus.planned)
    if item.outcome:
        raise CaseForbidden(_("The decision on this item has been recorded."), "decided")
    case_id = item.case_id
    active = list(item.invitations.filter(removed_at__isnull=True))
    now = timezone.now()
    for invitation in active:
        invitation.removed_at = now
        invitation.save(update_fields=["removed_at"])
    # Audit before the delete, while the case's subjects are still those of this item.
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.DELETE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_AGENDA,
        case_id=case_id,
    )
    for invitation in active:
        end_involvement_if_last(actor=actor, ctx=ctx, case_id=case_id, party_id=invitation.party_id)
    item.delete()
    _renumber(meeting)
    still = set(
        Invitation.objects.filter(item__meeting=meeting, removed_at__isnull=True).values_list(
            "party_id", flat=True
        )
    )
    send_cancel_to_parties(meeting, {inv.party_id for inv in active} - still)
    return meeting


@meeting_write
def agenda_item_move(
    *, actor: Actor, ctx: AuditContext, item_id: int, direction: str
) -> AgendaItem:
    """Swap an item with its neighbour above or below."""
    item = lock_item(actor=actor, ctx=ctx, item_id=item_id)
    _lock_agenda(item)
    require_status(item.meeting, MeetingStatus.planned)
    if direction not in MOVES:
        raise_if({"direction": [_("Choose up or down.")]})
    _renumber(item.meeting)
    item.refresh_from_db(fields=["position"])
    target = item.position - 1 if direction == "up" else item.position + 1
    neighbour = AgendaItem.objects.filter(meeting=item.meeting, position=target).first()
    if neighbour is None:
        raise_if(
            {
                "direction": [
                    _("This item is already at the top.")
                    if direction == "up"
                    else _("This item is already at the bottom.")
                ]
            }
        )
    assert neighbour is not None
    neighbour.position, item.position = item.position, target
    AgendaItem.objects.bulk_update([item, neighbour], ["position"])
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="agenda_item",
        pk=item.pk,
        purpose=PURPOSE_AGENDA,
    )
    return item
