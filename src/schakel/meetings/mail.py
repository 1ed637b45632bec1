"""E-mail to the delegates of invited parties, through Django's mail backend (console in the
demo, SMTP by settings). Sent only after the change commits, so a rolled-back change never
mails anyone; a mail server that fails is logged (robust callback) and never undoes the change
or answers 500. The text and the calendar file name the meeting and a link, never the subject
or the case (Art. 18.1); the minutes travel only as the PDF of one item, to that item's parties.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.core.links import absolute_reverse
from schakel.domain.roles import Role
from schakel.meetings.calendar import meeting_ics
from schakel.meetings.models import AgendaItem, Meeting, MeetingStatus


def delegate_addresses(party_ids: Iterable[int]) -> list[str]:
    """The e-mail addresses of the active partner delegates of `party_ids`."""
    ids = set(party_ids)
    if not ids:
        return []
    rows = (
        User.objects.filter(
            party_id__in=ids,
            is_active=True,
            role_assignments__role=Role.partner_delegate.value,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(rows)


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M}"


def _send_each(addresses: list[str], subject: str, body: str, attachment: tuple[str, bytes, str]):  # type: ignore[no-untyped-def]
    # One message per person: recipients never see who else from other parties is invited.
    for address in addresses:
        message = EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
        )
        message.attach(*attachment)
        message.send()


def send_calendar_after_commit(meeting: Meeting, party_ids: Iterable[int]) -> None:
    """Invitation, update or cancellation (by the meeting's state) to the parties' delegates."""
    addresses = delegate_addresses(party_ids)
    if not addresses:
        return
    ics = meeting_ics(meeting)
    cancelled = meeting.status == MeetingStatus.cancelled
    if cancelled:
        subject = _("Cancelled: %(title)s") % {"title": meeting.title}
        lead = _("This meeting has been cancelled.")
    elif meeting.sequence:
        subject = _("Changed: %(title)s") % {"title": meeting.title}
        lead = _("This meeting has been changed.")
    else:
        subject = _("Invitation: %(title)s") % {"title": meeting.title}
        lead = _("Your party has been invited to this meeting.")
    body = "\n\n".join(
        [
            lead,
            f"{meeting.title}\n{_when(meeting)}",
            _("See Schakel for the agenda items your party is invited to: %(link)s")
            % {"link": absolute_reverse("meetings:detail", meeting.pk)},
            _("Confidential: do not forward this message (Art. 18.1 of the covenant)."),
        ]
    )
    method = "CANCEL" if cancelled else "REQUEST"
    attachment = ("uitnodiging.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    transaction.on_commit(lambda: _send_each(addresses, subject, body, attachment), robust=True)


def send_minutes_after_commit(item: AgendaItem, pdf: bytes, party_ids: Iterable[int]) -> int:
    """The PDF of one item's minutes to the delegates of that item's invited parties only."""
    addresses = delegate_addresses(party_ids)
    meeting = item.meeting
    subject = _("Minutes: %(title)s") % {"title": meeting.title}
    body = "\n\n".join(
        [
            _("Attached are the minutes of agenda item %(number)s of %(title)s (%(when)s).")
            % {"number": item.position, "title": meeting.title, "when": _when(meeting)},
            _("Confidential: do not forward this message (Art. 18.1 of the covenant)."),
        ]
    )
    attachment = (f"notulen-agendapunt-{item.position}.pdf", pdf, "application/pdf")
    transaction.on_commit(lambda: _send_each(addresses, subject, body, attachment), robust=True)
    return len(addresses)
