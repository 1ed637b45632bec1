"""Who sees what of a meeting: an invited party only its own items; an uninvited party the same
404 as for a missing item, on the item, its minutes, its PDF and the calendar file. The .ics
carries no personal data of the subject."""

from __future__ import annotations

import pytest
from django.core import mail
from icalendar import Calendar

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases.models import CaseSubject
from schakel.meetings import services
from schakel.meetings.calendar import meeting_ics
from tests.meetings.conftest import CTX, meeting_input

pytestmark = pytest.mark.django_db


def _subject_data(case) -> list[str]:  # type: ignore[no-untyped-def]
    subject = CaseSubject.objects.filter(case=case).select_related("subject").first().subject
    return [subject.first_name, subject.last_name, subject.bsn, case.number, subject.address]


def _ics(body: bytes | str):  # type: ignore[no-untyped-def]
    return Calendar.from_ical(body if isinstance(body, bytes) else body.encode())


def test_the_ics_validates_and_carries_no_subject_data(
    agenda, kees, login_client, django_capture_on_commit_callbacks
) -> None:
    meeting, items = agenda
    response = login_client(kees).get(f"/overleggen/{meeting.pk}/uitnodiging.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = _ics(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["UID"]) == f"{meeting.uid}@schakel"
    assert f"/overleggen/{meeting.pk}/" in str(event["URL"])
    text = response.content.decode()
    for item in items:
        for value in _subject_data(item.case):
            assert value and value not in text
    # The mails that went out: neither the text nor the attachment names the subject.
    assert mail.outbox
    for message in mail.outbox:
        whole = message.subject + message.body + str(message.attachments[0][1])
        for item in items:
            for value in _subject_data(item.case):
                assert value not in whole


def test_an_update_keeps_the_uid_and_raises_the_sequence(
    agenda, anouk, sanne, kees, daan, rik, django_capture_on_commit_callbacks
) -> None:
    meeting, _items = agenda
    before = _ics(meeting_ics(meeting)).walk("VEVENT")[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=actor_for(sanne),
            ctx=CTX,
            meeting_id=meeting.pk,
            data=meeting_input(anouk, sanne, location="Stadskantoor, zaal 3"),
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "daan@example.invalid",
        "kees@example.invalid",
        "rik@example.invalid",
    ]
    after = _ics(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["LOCATION"]) == "Stadskantoor, zaal 3"


def test_a_cancellation_is_the_same_event_cancelled(
    agenda, sanne, kees, daan, rik, django_capture_on_commit_callbacks
) -> None:
    meeting, _items = agenda
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=actor_for(sanne), ctx=CTX, meeting_id=meeting.pk)
    assert len(mail.outbox) == 3
    calendar = _ics(mail.outbox[0].attachments[0][1])
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"{meeting.uid}@schakel" and int(event["SEQUENCE"]) == 1


def test_an_invited_party_sees_only_its_own_items(agenda, kees, login_client) -> None:
    meeting, items = agenda
    client = login_client(kees)
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert items[0].case.number in page
    assert items[1].case.number not in page and items[2].case.number not in page
    assert client.get(f"/overleggen/{meeting.pk}/punten/{items[0].pk}/").status_code == 200
    pdf = client.get(f"/overleggen/{meeting.pk}/agenda.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_uninvited_party_gets_404_everywhere(agenda, sanne, kees, login_client) -> None:
    meeting, items = agenda
    other = items[1]  # GGZ's item: the police are not invited for it
    services.minutes_save(actor=actor_for(sanne), ctx=CTX, item_id=other.pk, text="Besproken.")
    client = login_client(kees)
    base = f"/overleggen/{meeting.pk}/punten/{other.pk}/"
    for url in (base, base + "notulen.pdf"):
        assert client.get(url).status_code == 404, url
    missing = f"/overleggen/{meeting.pk}/punten/999999/"
    assert client.get(missing).status_code == 404
    assert AuditEvent.objects.filter(object_type="agenda_item", outcome="denied").exists()


def test_a_party_invited_for_nothing_gets_404_on_the_meeting_and_its_ics(
    agenda, wim, pieter, marloes, login_client
) -> None:
    # Zwolle referred the cases but is invited for no item; the privacy officer and the
    # manager see no agenda at all.
    meeting, items = agenda
    for user in (wim, pieter, marloes):
        client = login_client(user)
        for url in (
            f"/overleggen/{meeting.pk}/",
            f"/overleggen/{meeting.pk}/uitnodiging.ics",
            f"/overleggen/{meeting.pk}/agenda.pdf",
            f"/overleggen/{meeting.pk}/punten/{items[0].pk}/",
            f"/overleggen/{meeting.pk}/punten/{items[0].pk}/notulen.pdf",
        ):
            assert client.get(url).status_code == 404, (user.username, url)


def test_reading_an_item_is_logged_per_subject(agenda, kees, login_client) -> None:
    meeting, items = agenda
    login_client(kees).get(f"/overleggen/{meeting.pk}/punten/{items[0].pk}/")
    reads = AuditEvent.objects.filter(object_type="agenda_item", action="read", user_id=kees.pk)
    assert reads.count() == 1 and reads.get().subject_pseudonym


def test_another_process_director_sees_only_the_cases_they_direct(
    agenda, house, login_client
) -> None:
    from schakel.cases.models import Case
    from schakel.domain.roles import Role
    from tests.conftest import _person

    meeting, items = agenda
    bram = _person(house, "bram", "house", Role.process_director, "Bram", "Dekker")
    Case.objects.filter(pk=items[2].case_id).update(process_director=bram)
    client = login_client(bram)
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert items[2].case.number in page and items[0].case.number not in page
    assert client.get(f"/overleggen/{meeting.pk}/punten/{items[0].pk}/").status_code == 404
    assert client.get(f"/overleggen/{meeting.pk}/punten/{items[2].pk}/").status_code == 200
    assert client.get(f"/overleggen/{meeting.pk}/wijzigen/").status_code == 404  # not the chair
