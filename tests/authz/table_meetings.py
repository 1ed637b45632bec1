"""Rows for case-conference meetings (web /overleggen/, API /api/v1/meetings).

Variants (an agenda item's relation to the police, party of ``delegate``): ``involved`` (the
police are invited for the item, Art. 12.2e, 15.2), ``not_involved`` (only GGZ is). Both
items are on one conference chaired by ``pd`` with ``secretary`` as its secretary; meeting-level
URLs give the same meeting for both variants.
"""

from __future__ import annotations

from typing import Any

from tests.authz.engine import Row
from tests.authz.world import World

TAIL = "away away login"  # left the covenant, never joined, anonymous
GET405 = f"405 405 405 405 405 | 405 405 405 405 405 | {TAIL}"
# Art. 15.1-15.4: the house's process directors and the conference secretary run the tables
# (the information coordinator does not); a partner delegate sees a meeting they are invited to
# and only the items they are invited for (Art. 12.2e, 15.2). No one else sees an agenda.
# A meeting's own pages: its chair (here the cases' process director) and the secretary; like
# cases, another process director sees no agenda of cases they do not direct (Art. 12.1).
STAFF = f"ok 404 ok 404 404 | 404 404 404 404 404 | {TAIL}"
MEETING = f"ok 404 ok 404 ok | 404 404 404 404 404 | {TAIL}"
# Pages without a meeting: every process director plans and lists meetings.
PLANNERS = f"ok ok ok 404 404 | 404 404 404 404 404 | {TAIL}"
ITEM = {"involved": MEETING, "not_involved": STAFF}
# Writes with an empty form: the staff get the form back (400, nothing saved), the rest 404.
EMPTY_STAFF = f"400 404 400 404 404 | 404 404 404 404 404 | {TAIL}"
# The API validates the body first: 400 for every member, as for a missing meeting.
NONE = f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}"
EMPTY_API = f"400 400 400 400 400 | 400 400 400 400 400 | {TAIL}"


def both(spec: str) -> dict[str, str]:
    return {"involved": spec, "not_involved": spec}


def empty(world: World, variant: str) -> dict[str, Any]:
    return {}


M = ("conference",)
MI = ("conference", "agenda_item")
ROWS = [
    # A delegate's board is their own list (redirect to "mine").
    Row("meetings:board", get=f"ok ok ok 404 302 | 404 404 404 404 404 | {TAIL}"),
    Row("meetings:mine", get=f"ok ok ok 404 ok | 404 404 404 404 404 | {TAIL}"),
    Row(
        "meetings:new",
        get=PLANNERS,
        post=f"400 400 400 404 404 | 404 404 404 404 404 | {TAIL}",
        body=empty,
    ),
    Row("meetings:detail", args=M, get=both(MEETING)),
    Row("meetings:edit", args=M, get=both(STAFF), post=both(EMPTY_STAFF), body=empty),
    Row("meetings:cancel", args=M, get=both(GET405), post=both(STAFF), body=empty),
    # Marking a meeting held before it took place is refused with the reason.
    Row(
        "meetings:held",
        args=M,
        get=both(GET405),
        post=both(f"back 404 back 404 404 | 404 404 404 404 404 | {TAIL}"),
        body=empty,
    ),
    Row("meetings:agenda_pdf", args=M, get=both(MEETING)),
    Row("meetings:ics", args=M, get=both(MEETING)),
    Row("meetings:item_new", args=M, get=both(STAFF), post=both(EMPTY_STAFF), body=empty),
    Row("meetings:item", args=MI, get=ITEM),
    # Moving an item without a direction is refused with the reason (back to the meeting).
    Row(
        "meetings:item_move",
        args=MI,
        get=both(GET405),
        post=both(f"back 404 back 404 404 | 404 404 404 404 404 | {TAIL}"),
        body=empty,
    ),
    # Taking an item off the agenda needs no more than the post (the page asks first).
    Row("meetings:item_remove", args=MI, get=both(STAFF), post=both(STAFF), body=empty),
    Row("meetings:attendance", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    Row("meetings:decide", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    Row("meetings:invite", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    # Withdrawing an invitation: the chair (the case's process director) and the secretary.
    Row(
        "meetings:uninvite",
        args=(*MI, "invitation"),
        get=both(GET405),
        post=both(f"ok 404 ok 404 404 | 404 404 404 404 404 | {TAIL}"),
        body=empty,
    ),
    Row("meetings:minutes", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    # No minutes yet: 404 for everyone, like a missing one.
    Row(
        "meetings:minutes_pdf",
        args=MI,
        get=both(NONE),
    ),
    Row("meetings:plan", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    Row("meetings:send_minutes", args=MI, get=both(GET405), post=both(EMPTY_STAFF), body=empty),
    # The API list is filtered by the same rule; roles without meetings get an empty list.
    Row(
        "api:meetings",
        get=f"ok ok ok ok ok | ok ok ok ok ok | {TAIL}",
        post=EMPTY_API,
        body=empty,
        post_ok=201,
    ),
    Row("api:meeting", args=M, get=both(MEETING), post=both(EMPTY_API), body=empty, method="put"),
    Row(
        "api:meeting_cancel",
        args=M,
        get=both(GET405),
        post=both(STAFF),
        body=empty,
        post_ok=200,
    ),
    Row("api:meeting_items", args=M, get=both(GET405), post=both(EMPTY_API), body=empty),
    Row(
        "api:meeting_item",
        args=MI,
        get=ITEM,
        post=both(STAFF),
        body=empty,
        method="delete",
        post_ok=200,
    ),
    Row(
        "api:meeting_item_position",
        args=MI,
        get=both(GET405),
        post=both(EMPTY_API),
        body=empty,
    ),
    Row("api:meeting_invitations", args=MI, get=both(GET405), post=both(EMPTY_API), body=empty),
    Row(
        "api:meeting_invitation",
        args=(*MI, "invitation"),
        get=both(GET405),
        post=both(f"ok 404 ok 404 404 | 404 404 404 404 404 | {TAIL}"),
        body=empty,
        method="delete",
        post_ok=200,
    ),
    Row("api:meeting_decision", args=MI, get=both(GET405), post=both(EMPTY_API), body=empty),
    Row(
        "api:meeting_minutes",
        args=MI,
        get=both(NONE),
        post=both(EMPTY_API),
        body=empty,
        method="put",
    ),
]
