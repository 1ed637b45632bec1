"""Changing a composed agenda: taking an item off (its invitations and, where it was the last,
the party's involvement in the case end), moving items, and moving the meeting's date (the
cases' conference date follows; the invitees get the same event with a higher SEQUENCE)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditAction, AuditEvent
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import CaseParty, CaseRelationKind
from schakel.meetings import services
from schakel.meetings.models import AgendaItem, Invitation, Minutes
from tests.meetings.conftest import CTX, add_item, fresh, invite, meeting_input

pytestmark = pytest.mark.django_db


def _invited(case, party) -> bool:  # type: ignore[no-untyped-def]
    return CaseParty.objects.filter(
        case=case, party=party, relation=CaseRelationKind.invited, removed_at__isnull=True
    ).exists()


def test_removing_an_item_ends_its_invitations_and_the_partys_involvement(
    agenda, sanne, house, django_capture_on_commit_callbacks
) -> None:
    meeting, items = agenda
    first, second, third = items
    services.minutes_save(actor=actor_for(sanne), ctx=CTX, item_id=second.pk, text="Vooraf.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_remove(actor=actor_for(sanne), ctx=CTX, item_id=second.pk)
    assert not AgendaItem.objects.filter(pk=second.pk).exists()
    assert not Minutes.objects.filter(item_id=second.pk).exists()
    assert not _invited(second.case, house["ggz"])  # GGZ no longer sees the case
    assert _invited(first.case, house["police"])  # the other items are untouched
    # Positions close the gap.
    assert list(meeting.items.values_list("pk", "position")) == [(first.pk, 1), (third.pk, 2)]
    # GGZ was invited for nothing else: its delegate gets the cancellation of the event.
    assert [m.to for m in mail.outbox] == [["daan@example.invalid"]]
    event = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"
    meeting.refresh_from_db()
    assert int(event["SEQUENCE"]) == meeting.sequence
    subjects = second.case.case_subjects.count()
    assert (
        AuditEvent.objects.filter(
            object_type="agenda_item", object_id=str(second.pk), action=AuditAction.DELETE
        ).count()
        == subjects
    )
    # The case can be put on the agenda again.
    add_item(sanne, meeting, second.case)


def test_a_party_invited_for_the_case_elsewhere_keeps_its_involvement(
    anouk, sanne, meeting, waiting, house, django_capture_on_commit_callbacks
) -> None:
    case = waiting()
    item = add_item(sanne, meeting, case)
    later = services.meeting_create(
        actor=actor_for(sanne),
        ctx=CTX,
        data=meeting_input(
            anouk,
            sanne,
            starts_at=meeting.starts_at + timedelta(days=7),
            ends_at=meeting.ends_at + timedelta(days=7),
        ),
    )[0]
    invite(sanne, item, house["police"])
    invite(sanne, add_item(sanne, later, fresh(case)), house["police"])
    services.agenda_item_remove(actor=actor_for(sanne), ctx=CTX, item_id=item.pk)
    assert _invited(case, house["police"])
    assert Invitation.objects.filter(removed_at__isnull=True).count() == 1


def test_a_decided_item_or_a_held_meeting_keeps_its_agenda(agenda, sanne, kees) -> None:
    meeting, items = agenda
    services.item_decide(
        actor=actor_for(sanne),
        ctx=CTX,
        item_id=items[0].pk,
        decision="scale_down",
        motivation="Geen risico meer.",
    )
    with pytest.raises(CaseForbidden):
        services.agenda_item_remove(actor=actor_for(sanne), ctx=CTX, item_id=items[0].pk)
    meeting.status = "held"
    meeting.save(update_fields=["status"])
    for call in (
        lambda: services.agenda_item_remove(actor=actor_for(sanne), ctx=CTX, item_id=items[1].pk),
        lambda: services.agenda_item_move(
            actor=actor_for(sanne), ctx=CTX, item_id=items[1].pk, direction="up"
        ),
    ):
        with pytest.raises(CaseForbidden) as refused:
            call()
        assert refused.value.code == "meeting_held"
    assert meeting.items.count() == 3
    with pytest.raises(CaseNotFound):  # a delegate: the same as a missing item
        services.agenda_item_remove(actor=actor_for(kees), ctx=CTX, item_id=items[1].pk)


def test_moving_items_up_and_down(agenda, sanne) -> None:
    meeting, (first, second, third) = agenda

    def order() -> list[int]:
        return list(meeting.items.values_list("pk", flat=True))

    services.agenda_item_move(actor=actor_for(sanne), ctx=CTX, item_id=third.pk, direction="up")
    assert order() == [first.pk, third.pk, second.pk]
    services.agenda_item_move(actor=actor_for(sanne), ctx=CTX, item_id=first.pk, direction="down")
    assert order() == [third.pk, first.pk, second.pk]
    assert list(meeting.items.values_list("position", flat=True)) == [1, 2, 3]
    for item, direction in ((third, "up"), (second, "down"), (second, "sideways")):
        with pytest.raises(InvalidInput) as refused:
            services.agenda_item_move(
                actor=actor_for(sanne), ctx=CTX, item_id=item.pk, direction=direction
            )
        assert "direction" in refused.value.errors
    assert order() == [third.pk, first.pk, second.pk]
    assert AuditEvent.objects.filter(
        object_type="agenda_item", object_id=str(third.pk), action=AuditAction.UPDATE
    ).exists()


def test_moving_the_meeting_moves_the_cases_conference_date(
    agenda, anouk, sanne, django_capture_on_commit_callbacks
) -> None:
    meeting, items = agenda
    old_day = timezone.localdate(meeting.starts_at)
    assert {fresh(item.case).conference_date for item in items} == {old_day}
    before = Calendar.from_ical(mail.outbox[-1].attachments[0][1]).walk("VEVENT")[0]
    mail.outbox.clear()
    start = meeting.starts_at + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=actor_for(sanne),
            ctx=CTX,
            meeting_id=meeting.pk,
            data=meeting_input(anouk, sanne, starts_at=start, ends_at=start + timedelta(hours=2)),
        )
    new_day = timezone.localdate(start)
    for item in items:
        case = fresh(item.case)
        assert case.conference_date == new_day
        assert case.events.filter(kind="prepared", detail=new_day.isoformat()).exists()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
        assert event["UID"] == before["UID"]
        assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])
        assert event["DTSTART"].dt == start


def test_a_case_whose_date_points_elsewhere_keeps_it(agenda, anouk, sanne) -> None:
    meeting, items = agenda
    case = fresh(items[0].case)
    other_day = timezone.localdate(meeting.starts_at) + timedelta(days=20)
    type(case).objects.filter(pk=case.pk).update(conference_date=other_day)
    start = meeting.starts_at + timedelta(days=1)
    services.meeting_update(
        actor=actor_for(sanne),
        ctx=CTX,
        meeting_id=meeting.pk,
        data=meeting_input(anouk, sanne, starts_at=start, ends_at=start + timedelta(hours=2)),
    )
    assert fresh(items[0].case).conference_date == other_day
    assert fresh(items[1].case).conference_date == timezone.localdate(start)


def test_the_chair_moves_the_meeting_even_with_a_case_of_another_director(
    agenda, anouk, sanne, house
) -> None:
    """The chair may move her meeting; a case she may not change keeps its date (its own
    process director sees the meeting's date on the agenda)."""
    from schakel.cases.models import Case
    from schakel.domain.roles import Role
    from tests.conftest import _person

    meeting, items = agenda
    bram = _person(house, "bram", "house", Role.process_director, "Bram", "Dekker")
    Case.objects.filter(pk=items[2].case_id).update(process_director=bram)
    old_day = timezone.localdate(meeting.starts_at)
    start = meeting.starts_at + timedelta(days=2)
    services.meeting_update(
        actor=actor_for(anouk),
        ctx=CTX,
        meeting_id=meeting.pk,
        data=meeting_input(anouk, sanne, starts_at=start, ends_at=start + timedelta(hours=2)),
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == start
    assert fresh(items[0].case).conference_date == timezone.localdate(start)
    assert fresh(items[2].case).conference_date == old_day
