"""Case conferences and MDOs: the meeting, its agenda per case, the invitations per party and
item, and the minutes per item (issue #6; Art. 8, 9, 12.2c-e, 15; Bijlage 3 Fase 2-4).

Personal data lives in `AgendaItem` (goal, themes, the decision), `Invitation` (a party's
involvement in a case) and `Minutes` (encrypted at rest). All three hang off the case
(AgendaItem -> Case with on_delete=CASCADE), so the retention sweep deletes them with the case.
A `Meeting` holds no personal data: a title, a time, a place, the chair and the secretary.
Reads go through `selectors.py`, writes through `services/`; the rules live in
`domain.meetings_policy`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case
from schakel.core.fields import EncryptedTextField
from schakel.parties.models import Party


class MeetingKind(models.TextChoices):
    conference = "conference", _("Regional case conference")
    mdo = "mdo", _("Multidisciplinary meeting (MDO)")


class MeetingStatus(models.TextChoices):
    planned = "planned", _("Planned")
    held = "held", _("Held")
    cancelled = "cancelled", _("Called off")


class Meeting(models.Model):
    """One sitting of a table (or one MDO). A weekly series shares `series`."""

    # The iCalendar UID: stable for the life of the meeting, so an update or a cancellation
    # replaces the event in the invitee's calendar instead of adding a new one (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE, raised on each change
    series = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    title = models.CharField(
        max_length=120,
        help_text=_("A plain title without personal data: it goes into e-mail and calendars."),
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    video_url = models.URLField(max_length=300, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.planned
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start")]

    def __str__(self) -> str:
        return f"Meeting {self.pk}"


class AgendaItem(models.Model):
    """One case on one agenda, with what the table is asked (Art. 12.2c)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField()
    goal = models.TextField()
    decisions_needed = models.TextField()
    themes = models.TextField()
    # What was decided: a conference decision (domain.workflow.Decision) or "plan_adopted".
    outcome = models.CharField(max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once")]
        indexes = [models.Index(fields=["case", "meeting"], name="agenda_case")]

    def __str__(self) -> str:
        return f"AgendaItem {self.pk}"


class Attendance(models.TextChoices):
    unknown = "unknown", _("Not recorded")
    present = "present", _("Present")
    absent = "absent", _("Absent")


class Invitation(models.Model):
    """A party invited for one agenda item, with why it may lawfully and directly take part
    (Art. 12.2e, 15.2). Ending it (removed_at) ends the party's sight of the item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="invitations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    justification = models.TextField()
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.unknown
    )
    attendee = models.CharField(max_length=200, blank=True)  # who attended for the party
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["party", "item"], name="invitation_party_item")]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "party"],
                condition=models.Q(removed_at__isnull=True),
                name="invitation_active_once",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"


class Minutes(models.Model):
    """The minutes of one agenda item: personal data, encrypted at rest (Art. 18.3)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    text = EncryptedTextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Minutes {self.pk}"
