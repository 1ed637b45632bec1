"""The meeting screens: the planning board, planning, the agenda, invitations with a required
justification shown next to the field, decisions; and the agenda page in a bounded number of
queries however many items it has."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.cases.models import Case
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.meetings.models import AgendaItem, Invitation, Meeting
from schakel.meetings.selectors import board_for
from schakel.sharing.models import EmergencyAccess
from tests.conftest import _person
from tests.meetings.conftest import add_item, fresh, invite

pytestmark = pytest.mark.django_db


def test_the_board_shows_upcoming_meetings_and_waiting_cases(
    meeting, waiting, sanne, login_client
) -> None:
    case = waiting()
    page = login_client(sanne).get("/overleggen/").content.decode()
    assert meeting.title in page and case.number in page
    add_item(sanne, meeting, case)
    page = login_client(sanne).get("/overleggen/").content.decode()
    assert case.number not in page  # on a planned agenda: no longer waiting


def test_a_delegate_is_sent_to_my_meetings(agenda, kees, login_client) -> None:
    _meeting, items = agenda
    client = login_client(kees)
    assert client.get("/overleggen/").url == "/overleggen/mijn/"
    page = client.get("/overleggen/mijn/").content.decode()
    assert items[0].case.number in page and items[1].case.number not in page
    assert "Mijn overleggen" in page


def test_planning_a_meeting_on_the_screen(anouk, sanne, login_client) -> None:
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "kind": "conference",
        "title": "Casustafel Deventer",
        "day": day.isoformat(),
        "start_time": "09:30",
        "end_time": "11:30",
        "location": "",
        "video_url": "",
        "chair": anouk.pk,
        "secretary": sanne.pk,
        "repeat_weeks": "1",
    }
    client = login_client(sanne)
    refused = client.post("/overleggen/nieuw/", data)
    assert refused.status_code == 400
    assert "Geef een plaats of een videolink op." in refused.content.decode()
    assert not Meeting.objects.exists()
    response = client.post("/overleggen/nieuw/", {**data, "location": "Deventer"})
    assert response.status_code == 302
    assert Meeting.objects.count() == 2


def test_an_invitation_without_justification_is_refused_next_to_the_field(
    meeting, waiting, sanne, house, login_client
) -> None:
    item = add_item(sanne, meeting, waiting())
    url = f"/overleggen/{meeting.pk}/punten/{item.pk}/uitnodigen/"
    response = login_client(sanne).post(
        url, {"invite-party": house["police"].pk, "invite-justification": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "rechtmatig en direct" in body
    assert not Invitation.objects.exists()


def test_the_secretary_composes_the_agenda_and_records_the_decision(
    meeting, waiting, sanne, kees, house, login_client, django_capture_on_commit_callbacks
) -> None:
    case = waiting()
    client = login_client(sanne)
    response = client.post(
        f"/overleggen/{meeting.pk}/punten/nieuw/",
        {
            "case": case.pk,
            "goal": "Richting bepalen.",
            "decisions_needed": "Procesregie.",
            "themes": "Wonen.",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    base = f"/overleggen/{meeting.pk}/punten/{item.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            base + "uitnodigen/",
            {"invite-party": house["police"].pk, "invite-justification": "Aangifte (12.2e)."},
        )
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert fresh(case).phase == Phase.case_conference
    response = client.post(
        base + "besluit/",
        {"decision-decision": "process_direction_house", "decision-motivation": "VHH voert regie."},
    )
    assert response.status_code == 302
    assert fresh(case).phase == Phase.mdo
    page = client.get(base).content.decode()
    assert "Procesregie VHH" in page


def _agenda_queries(client, meeting) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/overleggen/{meeting.pk}/")
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_agenda_of_30_items_takes_a_bounded_number_of_queries(
    meeting, sanne, house, wim, walker, login_client, django_assert_max_num_queries
) -> None:
    from tests.cases.conftest import refer

    first = walker.to_preparation(refer(wim, house))
    add_item(sanne, meeting, first)
    invite(sanne, AgendaItem.objects.get(), house["police"])
    client = login_client(sanne)
    client.get(f"/overleggen/{meeting.pk}/")  # warm the session and the caches
    one_item = _agenda_queries(client, meeting)
    # 29 more items: copies of the first case are enough for the page (no service needed).
    source = Case.objects.get(pk=first.pk)
    for n in range(29):
        source.pk = None
        source.number = f"ZVH-2026-9{n:03d}"
        source.save()
        copy = AgendaItem.objects.create(
            meeting=meeting,
            case_id=source.pk,
            position=n + 2,
            goal="Doel",
            decisions_needed="Besluit",
            themes="Thema",
            added_by=sanne,
            added_at=timezone.now(),
        )
        Invitation.objects.create(
            item=copy,
            party=house["ggz"],
            justification="Zorg.",
            invited_by=sanne,
            invited_at=timezone.now(),
        )
    assert _agenda_queries(client, meeting) == one_item  # independent of the number of items
    with django_assert_max_num_queries(16):
        response = client.get(f"/overleggen/{meeting.pk}/")
    assert response.content.decode().count('data-testid="item-row"') == 30


def test_the_board_lists_the_longest_waiting_of_both_phases_and_counts_them_all(
    waiting, sanne
) -> None:
    """The waiting cases come from one ordered read per phase (issue #9), merged: the oldest
    change first across preparation and back-at-the-table, the count over both."""
    from schakel.accounts.selectors import actor_for
    from schakel.meetings.selectors import board_for

    cases = [waiting() for _ in range(5)]
    start = timezone.now() - timedelta(days=30)
    for age, (case, phase) in enumerate(
        zip(cases, ["preparation", "case_conference"] * 3, strict=False)
    ):
        Case.objects.filter(pk=case.pk).update(phase=phase, updated_at=start + timedelta(days=age))
    actor = actor_for(sanne)
    oldest_first = [c.pk for c in cases]
    for limit in (2, 3, 10):
        board = board_for(actor=actor, limit=limit)
        assert board is not None
        assert [c.pk for c in board.waiting] == oldest_first[:limit]
        assert board.waiting_count == 5


def test_the_board_counts_waiting_cases_up_to_its_cap(
    waiting, sanne, login_client, monkeypatch
) -> None:
    """Beyond `WAITING_COUNT_CAP` the board says "meer dan" instead of counting the whole
    house (issue #9); up to it, the exact number."""
    from schakel.meetings import selectors

    for _ in range(4):
        waiting()
    monkeypatch.setattr(selectors, "WAITING_COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as queries:
        board = board_for(actor=actor_for(sanne), limit=2)
    assert board is not None
    assert (len(board.waiting), board.waiting_count, board.waiting_count_capped) == (2, 3, True)
    # The count stops at the cap unsorted: with the case model's order, PostgreSQL sorted all
    # ~32,000 waiting cases before the LIMIT (26 ms against 2 ms at 1,000,000).
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"].upper()]
    assert "LIMIT 4" in count and "ORDER BY" not in count.upper()
    page = login_client(sanne).get("/overleggen/").content.decode()
    assert "Casussen die wachten op een tafel (meer dan 3)" in " ".join(page.split())
    assert "van meer dan 3." in page
    monkeypatch.setattr(selectors, "WAITING_COUNT_CAP", 4)
    board = board_for(actor=actor_for(sanne), limit=2)
    assert board is not None
    assert (board.waiting_count, board.waiting_count_capped) == (4, False)
    monkeypatch.setattr(selectors, "WAITING_COUNT_CAP", 3)
    board = board_for(actor=actor_for(sanne), limit=5)  # all four read, no count: still capped
    assert board is not None and board.waiting_count_capped


def test_a_process_director_sees_on_the_board_what_they_direct_or_hold_a_grant_for(
    waiting, anouk, house
) -> None:
    """The board reads a process director's grants first (issue #9); the cases it shows are
    still exactly the ones the director may see."""
    case = waiting()  # directed by Anouk
    bram = _person(house, "bram", "house", Role.process_director, "Bram", "de Wit")

    def shown(user: User) -> tuple[list[int], int]:
        board = board_for(actor=actor_for(user))
        assert board is not None
        return [c.pk for c in board.waiting], board.waiting_count

    assert shown(anouk) == ([case.pk], 1)
    assert shown(bram) == ([], 0)
    now = timezone.now()
    EmergencyAccess.objects.create(
        case=case,
        user=bram,
        reason="Acute zorgen.",
        granted_at=now,
        expires_at=now + timedelta(hours=1),
    )
    assert shown(bram) == ([case.pk], 1)
