"""The iCalendar (RFC 5545) file of a meeting: only the meeting and a link, never the subject.

The file leaves Schakel (mail servers, phones, shared calendars), so it carries no personal
data of a subject (Art. 18.1, 18.3): no names, no BSN, no case number, no case content. What a
reader may see behind the link, the policy decides in Schakel (Art. 12.2e-f). One meeting keeps
one UID for its whole life; every change raises SEQUENCE, and a cancellation is METHOD:CANCEL
with STATUS:CANCELLED, so calendars replace the event instead of adding a second one.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from schakel.core.links import absolute_reverse
from schakel.meetings.models import Meeting, MeetingStatus

PRODID = "-//Schakel//Casustafels en MDO//NL"


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@schakel"


def meeting_ics(meeting: Meeting) -> bytes:
    """The .ics of `meeting` as it is now: a request, or a cancellation once cancelled."""
    cancelled = meeting.status == MeetingStatus.cancelled
    link = absolute_reverse("meetings:detail", meeting.pk)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    event.add("location", meeting.location or meeting.video_url or _("Online"))
    event.add("url", link)
    event.add(
        "description",
        _("The agenda and the documents are in Schakel: %(link)s") % {"link": link},
    )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
