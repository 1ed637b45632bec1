"""The authorisation matrix for meetings: every meeting URL x role, from one table.

A planned conference with three cases (conftest ``agenda``): the police (kees) are invited for
item 1, GGZ (daan) for item 2, Reclassering (rik) for item 3. Zwolle (wim) referred the cases
but is invited for nothing. Sanne (secretary) and Anouk (process director) run the table; the
privacy officer and the manager see no agenda. Expected answers per URL: for the house staff,
for kees (invited for the item under test), and for everyone else.
"""

from __future__ import annotations

import pytest
from django.test import Client

from schakel.accounts.services import api_token_create
from schakel.meetings.models import Invitation, Minutes

pytestmark = pytest.mark.django_db

STAFF = {"sanne", "anouk"}
INVITED = {"kees"}
OTHERS = {"daan", "wim", "pieter", "marloes"}
PEOPLE = sorted(STAFF | INVITED | OTHERS)

# name -> (method, path, body, staff, invited (kees), others); {m} meeting, {i} item 1
TABLE = {
    "ui_board": ("get", "/overleggen/", None, 200, 302, None),
    "ui_mine": ("get", "/overleggen/mijn/", None, 200, 200, None),
    "ui_new": ("get", "/overleggen/nieuw/", None, 200, 404, 404),
    "ui_meeting": ("get", "/overleggen/{m}/", None, 200, 200, 404),
    "ui_edit": ("get", "/overleggen/{m}/wijzigen/", None, 200, 404, 404),
    "ui_item_new": ("get", "/overleggen/{m}/punten/nieuw/", None, 200, 404, 404),
    "ui_item": ("get", "/overleggen/{m}/punten/{i}/", None, 200, 200, 404),
    "ui_agenda_pdf": ("get", "/overleggen/{m}/agenda.pdf", None, 200, 200, 404),
    "ui_ics": ("get", "/overleggen/{m}/uitnodiging.ics", None, 200, 200, 404),
    "ui_minutes_pdf": ("get", "/overleggen/{m}/punten/{i}/notulen.pdf", None, 200, 200, 404),
    "ui_minutes": (
        "post",
        "/overleggen/{m}/punten/{i}/notulen/",
        {"minutes-text": "Aangevuld."},
        302,
        404,
        404,
    ),
    "ui_attendance": (
        "post",
        "/overleggen/{m}/punten/{i}/aanwezigheid/",
        {},
        400,
        404,
        404,
    ),
    "ui_invite": (
        "post",
        "/overleggen/{m}/punten/{i}/uitnodigen/",
        {"invite-justification": ""},
        400,
        404,
        404,
    ),
    "ui_uninvite": (
        "post",
        "/overleggen/{m}/punten/{i}/uitnodigingen/999/intrekken/",
        {},
        400,
        404,
        404,
    ),
    "ui_decide": ("post", "/overleggen/{m}/punten/{i}/besluit/", {}, 400, 404, 404),
    "ui_plan": ("post", "/overleggen/{m}/punten/{i}/plan/", {}, 400, 404, 404),
    "ui_send": ("post", "/overleggen/{m}/punten/{i}/notulen/versturen/", {}, 302, 404, 404),
    "ui_held": ("post", "/overleggen/{m}/gehouden/", {}, 302, 404, 404),
    "ui_item_remove_confirm": (
        "get",
        "/overleggen/{m}/punten/{i}/verwijderen/",
        None,
        200,
        404,
        404,
    ),
    # Item 1 is at the top: staff are refused with a message on the agenda (nothing changes).
    "ui_item_move": (
        "post",
        "/overleggen/{m}/punten/{i}/verplaatsen/",
        {"direction": "up"},
        302,
        404,
        404,
    ),
    "api_list": ("get", "/api/v1/meetings", None, 200, 200, 200),
    "api_create": ("post", "/api/v1/meetings", {}, 400, 400, 400),
    "api_meeting": ("get", "/api/v1/meetings/{m}", None, 200, 200, 404),
    "api_update": ("put", "/api/v1/meetings/{m}", {}, 400, 400, 400),
    "api_item": ("get", "/api/v1/meetings/{m}/items/{i}", None, 200, 200, 404),
    "api_items_add": (
        "post",
        "/api/v1/meetings/{m}/items",
        {"case": 999999, "goal": "g", "decisions_needed": "d", "themes": "t"},
        400,
        404,
        404,
    ),
    "api_invite": (
        "post",
        "/api/v1/meetings/{m}/items/{i}/invitations",
        {"party": "politie", "justification": ""},
        400,
        404,
        404,
    ),
    "api_uninvite": (
        "delete",
        "/api/v1/meetings/{m}/items/{i}/invitations/999",
        None,
        400,
        404,
        404,
    ),
    "api_minutes": ("get", "/api/v1/meetings/{m}/items/{i}/minutes", None, 200, 200, 404),
    "api_minutes_put": (
        "put",
        "/api/v1/meetings/{m}/items/{i}/minutes",
        {"text": "Aangevuld via de API."},
        200,
        404,
        404,
    ),
    "api_decision": ("post", "/api/v1/meetings/{m}/items/{i}/decision", {}, 400, 400, 400),
    "api_item_move": (
        "post",
        "/api/v1/meetings/{m}/items/{i}/position",
        {"direction": "up"},
        400,
        404,
        404,
    ),
}
# The last: the privacy officer and the manager are no delegates: "Mijn overleggen" and the
# board are closed to them, while the delegates who are invited for nothing get an empty list.
MEETING_LEVEL = {"ui_meeting", "ui_agenda_pdf", "ui_ics", "api_meeting"}
BOARD_OTHERS = {"daan": 302, "wim": 302, "pieter": 404, "marloes": 404}
MINE_OTHERS = {"daan": 200, "wim": 200, "pieter": 404, "marloes": 404}


def _call(user, method, path, body, api):  # type: ignore[no-untyped-def]
    if api:
        _, secret = api_token_create(user=user, name="matrix")
        client = Client(headers={"Authorization": f"Token {secret}"})
        if body is None:
            return getattr(client, method)(path)
        return getattr(client, method)(path, body, content_type="application/json")
    client = Client()
    client.force_login(user)
    return getattr(client, method)(path, body or {})


def test_the_meeting_matrix(
    agenda, sanne, anouk, kees, daan, wim, pieter, marloes, no_2fa, settings
) -> None:
    meeting, items = agenda
    from schakel.accounts.selectors import actor_for
    from schakel.meetings import services
    from tests.meetings.conftest import CTX

    services.minutes_save(actor=actor_for(sanne), ctx=CTX, item_id=items[0].pk, text="Besproken.")
    users = {u.username: u for u in (sanne, anouk, kees, daan, wim, pieter, marloes)}
    wrong = []
    for name, (method, path, body, staff, invited, others) in TABLE.items():
        if name == "ui_held":
            continue  # changes the meeting for every later row: checked on its own below
        for username in PEOPLE:
            if username in STAFF:
                expected = staff
            elif username in INVITED:
                expected = invited
            elif name == "ui_board":
                expected = BOARD_OTHERS[username]
            elif name == "ui_mine":
                expected = MINE_OTHERS[username]
            else:
                expected = others
            if name == "api_list" and username in {"pieter", "marloes"}:
                expected = 200  # an empty list
            if name in MEETING_LEVEL and username == "daan":
                expected = 200  # invited for item 2: the meeting shows him that item only
            url = path.format(m=meeting.pk, i=items[0].pk)
            response = _call(users[username], method, url, body, name.startswith("api"))
            if response.status_code != expected:
                wrong.append(f"{name} {username}: {response.status_code} != {expected}")
    assert wrong == []
    assert Invitation.objects.filter(removed_at__isnull=True).count() == 3
    assert list(meeting.items.values_list("pk", flat=True)) == [item.pk for item in items]
    assert "API" in Minutes.objects.get(item=items[0]).text


def test_only_staff_marks_a_meeting_held(agenda, kees, daan, sanne, no_2fa) -> None:
    meeting, _items = agenda
    for user in (kees, daan):
        assert (
            _call(user, "post", f"/overleggen/{meeting.pk}/gehouden/", {}, False).status_code == 404
        )
    response = _call(sanne, "post", f"/overleggen/{meeting.pk}/gehouden/", {}, False)
    assert response.status_code == 302  # planned for next week: refused with a message


@pytest.mark.parametrize("method", ["post_ui", "delete_api"])
def test_only_staff_take_an_item_off(agenda, kees, daan, wim, sanne, no_2fa, method) -> None:
    """Taking an item off changes the agenda for every later row: checked on its own."""
    meeting, items = agenda
    ui = f"/overleggen/{meeting.pk}/punten/{items[0].pk}/verwijderen/"
    api = f"/api/v1/meetings/{meeting.pk}/items/{items[0].pk}"

    def call(user):  # type: ignore[no-untyped-def]
        if method == "post_ui":
            return _call(user, "post", ui, {}, False)
        return _call(user, "delete", api, None, True)

    for user in (kees, daan, wim):
        assert call(user).status_code == 404
    assert meeting.items.count() == 3
    assert call(sanne).status_code == (302 if method == "post_ui" else 200)
    assert meeting.items.count() == 2
