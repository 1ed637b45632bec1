"""Planning meetings: a regional case conference (one sitting or a weekly series) or an MDO;
changing, cancelling and marking one held (Bijlage 3 Fase 2-4; Art. 8, 12, 15.2)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden
from schakel.cases.models import Case
from schakel.cases.selectors import case_visibility_q
from schakel.cases.services.triage import conference_reschedule
from schakel.domain.actor import Actor
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.meetings.mail import send_calendar_after_commit
from schakel.meetings.models import Invitation, Meeting, MeetingKind, MeetingStatus
from schakel.meetings.services._common import (
    audit_change,
    fresh_version,
    lock_meeting,
    meeting_write,
    raise_if,
    require_staff,
    require_status,
)

PURPOSE_PLANNING = "Art. 15.2 voorbereiding casustafel"
MAX_REPEAT_WEEKS = 12
MAX_AHEAD = timedelta(days=731)
MAX_LENGTH = timedelta(hours=12)

# A title goes into e-mail and calendars: refuse what looks like a case number or a BSN.
_PERSONAL = re.compile(r"[A-Z]{2,5}-\d{4}-\d+|\b\d{8,9}\b", re.IGNORECASE)


@dataclass(frozen=True)
class MeetingInput:
    kind: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    location: str
    video_url: str
    chair_id: int | None
    secretary_id: int | None


def _person(errors: dict[str, list[str]], name: str, user_id: int | None, role: Role) -> None:
    if user_id is None:
        errors.setdefault(name, []).append(_("Choose a person."))
    elif not User.objects.filter(
        pk=user_id, is_active=True, role_assignments__role=role.value
    ).exists():
        errors.setdefault(name, []).append(_("Choose a person from the list."))


def _validate(data: MeetingInput, errors: dict[str, list[str]]) -> None:
    if data.kind not in MeetingKind.values:
        errors["kind"] = [_("Choose the kind of meeting.")]
    title = (data.title or "").strip()
    if not title:
        errors["title"] = [_("Give the meeting a title.")]
    elif len(title) > 120:
        errors["title"] = [_("At most 120 characters.")]
    elif _PERSONAL.search(title):
        errors["title"] = [
            _("Leave case numbers and other personal data out of the title: it goes by e-mail.")
        ]
    if data.starts_at is None:
        errors["starts_at"] = [_("Choose when the meeting starts.")]
    elif data.starts_at < timezone.now():
        errors["starts_at"] = [_("A meeting cannot start in the past.")]
    elif data.starts_at > timezone.now() + MAX_AHEAD:
        errors["starts_at"] = [_("Plan at most two years ahead.")]
    if data.ends_at is None:
        errors["ends_at"] = [_("Choose when the meeting ends.")]
    elif data.starts_at is not None and data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("The meeting must end after it starts.")]
    elif data.starts_at is not None and data.ends_at - data.starts_at > MAX_LENGTH:
        errors["ends_at"] = [_("A meeting lasts at most twelve hours.")]
    if len(data.location or "") > 200:
        errors["location"] = [_("At most 200 characters.")]
    if not (data.location or "").strip() and not (data.video_url or "").strip():
        errors["location"] = [_("Give a place or a video link.")]
    if data.video_url and not data.video_url.startswith("https://"):
        errors["video_url"] = [_("Use a secure (https://) video link.")]
    if len(data.video_url or "") > 300:
        errors["video_url"] = [_("At most 300 characters.")]
    _person(errors, "chair", data.chair_id, Role.process_director)
    _person(errors, "secretary", data.secretary_id, Role.conference_secretary)


@meeting_write
def meeting_create(
    *, actor: Actor, ctx: AuditContext, data: MeetingInput, repeat_weeks: int = 0
) -> list[Meeting]:
    """A meeting, or a weekly series of 1 + `repeat_weeks` sittings (each with its own agenda
    and its own calendar event). No one is invited yet, so nothing is mailed."""
    require_staff(actor, ctx, "meeting", 0)
    errors: dict[str, list[str]] = {}
    _validate(data, errors)
    if not 0 <= repeat_weeks <= MAX_REPEAT_WEEKS:
        errors["repeat_weeks"] = [
            _("Repeat at most %(n)s weeks.") % {"n": MAX_REPEAT_WEEKS},
        ]
    elif repeat_weeks and data.kind == MeetingKind.mdo:
        errors["repeat_weeks"] = [_("An MDO is held for one case and does not repeat.")]
    raise_if(errors)
    assert data.starts_at is not None and data.ends_at is not None
    now = timezone.now()
    series = uuid.uuid4() if repeat_weeks else None
    created = []
    for week in range(repeat_weeks + 1):
        meeting = Meeting.objects.create(
            series=series,
            kind=data.kind,
            title=data.title.strip(),
            starts_at=data.starts_at + timedelta(weeks=week),
            ends_at=data.ends_at + timedelta(weeks=week),
            location=data.location.strip(),
            video_url=data.video_url.strip(),
            chair_id=data.chair_id,  # type: ignore[misc]  # validated above
            secretary_id=data.secretary_id,
            created_by_id=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        audit_change(
            ctx,
            actor=actor,
            action=AuditAction.CREATE,
            kind="meeting",
            pk=meeting.pk,
            purpose=PURPOSE_PLANNING,
        )
        created.append(meeting)
    return created


def invited_party_ids(meeting: Meeting) -> set[int]:
    return set(
        Invitation.objects.filter(item__meeting=meeting, removed_at__isnull=True).values_list(
            "party_id", flat=True
        )
    )


@meeting_write
def meeting_update(
    *, actor: Actor, ctx: AuditContext, meeting_id: int, data: MeetingInput
) -> Meeting:
    """Change a planned meeting; the invited parties get the same calendar event with a higher
    SEQUENCE (RFC 5545), so their calendars update it."""
    meeting = lock_meeting(actor=actor, ctx=ctx, meeting_id=meeting_id)
    require_status(meeting, MeetingStatus.planned)
    errors: dict[str, list[str]] = {}
    if data.kind != meeting.kind:
        errors["kind"] = [_("The kind of a meeting cannot change; plan a new one.")]
    _validate(data, errors)
    raise_if(errors)
    assert data.starts_at is not None and data.ends_at is not None
    old_day, new_day = timezone.localdate(meeting.starts_at), timezone.localdate(data.starts_at)
    meeting.title = data.title.strip()
    meeting.starts_at, meeting.ends_at = data.starts_at, data.ends_at
    meeting.location, meeting.video_url = data.location.strip(), data.video_url.strip()
    assert data.chair_id is not None and data.secretary_id is not None  # validated above
    meeting.chair_id, meeting.secretary_id = data.chair_id, data.secretary_id
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="meeting",
        pk=meeting.pk,
        purpose=PURPOSE_PLANNING,
    )
    if new_day != old_day:
        _move_case_dates(actor=actor, ctx=ctx, meeting=meeting, old_day=old_day, new_day=new_day)
    send_calendar_after_commit(meeting, invited_party_ids(meeting))
    return meeting


def _move_case_dates(
    *, actor: Actor, ctx: AuditContext, meeting: Meeting, old_day: date, new_day: date
) -> None:
    """The conference date recorded on each undecided item's case (Art. 12.2d) follows the
    meeting, through the case service. A case whose date points elsewhere (another agenda)
    keeps it, and so does a case the actor may not change (a chair moving her meeting with a
    case of another process director, Art. 12.1): moving the meeting is not refused for it."""
    case_ids = (
        Case.objects.filter(case_visibility_q(actor))
        .filter(
            agenda_items__meeting=meeting,
            agenda_items__outcome="",
            conference_date=old_day,
            phase__in=[Phase.preparation, Phase.case_conference, Phase.mdo, Phase.execution],
        )
        .values_list("pk", flat=True)
    )
    for case_id in sorted(case_ids):
        try:
            conference_reschedule(
                actor=actor,
                ctx=ctx,
                case_id=case_id,
                expected_version=fresh_version(case_id),
                conference_date=new_day,
            )
        except CaseForbidden:
            continue  # the case service rolled back its own savepoint and logged the refusal


@meeting_write
def meeting_cancel(*, actor: Actor, ctx: AuditContext, meeting_id: int) -> Meeting:
    """Cancel a planned meeting: METHOD:CANCEL to every invited party. The cases stay in their
    phase and show again on the planning board as waiting for a table."""
    meeting = lock_meeting(actor=actor, ctx=ctx, meeting_id=meeting_id)
    require_status(meeting, MeetingStatus.planned)
    meeting.status = MeetingStatus.cancelled
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="meeting",
        pk=meeting.pk,
        purpose=PURPOSE_PLANNING,
    )
    send_calendar_after_commit(meeting, invited_party_ids(meeting))
    return meeting


@meeting_write
def meeting_mark_held(*, actor: Actor, ctx: AuditContext, meeting_id: int) -> Meeting:
    """The meeting took place (not before the day it was planned for)."""
    meeting = lock_meeting(actor=actor, ctx=ctx, meeting_id=meeting_id)
    require_status(meeting, MeetingStatus.planned)
    if timezone.localdate(meeting.starts_at) > timezone.localdate():
        raise_if({"status": [_("A meeting can be marked as held from the day it takes place.")]})
    meeting.status = MeetingStatus.held
    meeting.updated_at = timezone.now()
    meeting.save()
    audit_change(
        ctx,
        actor=actor,
        action=AuditAction.UPDATE,
        kind="meeting",
        pk=meeting.pk,
        purpose=PURPOSE_PLANNING,
    )
    return meeting
