"""The two bodies and their meetings (Art. 4.2, 4.3, 4.7, 6.2, 6.3, 6.5, 6.7)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.core.links import absolute_reverse
from schakel.domain.actor import Actor
from schakel.domain.covenant import Body
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors
from schakel.governance.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingDocument,
    Minutes,
    Motion,
    WrittenInput,
)
from schakel.governance.services._common import GovernanceRefused, audit, authorise
from schakel.parties.models import Party

_ART = {Body.STEERING_GROUP: "art. 4.7", Body.CORE_GROUP: "art. 6.7"}


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    body: Body,
    held_on: date,
    location: str = "",
    requested_by: Party | None = None,
    ctx: AuditContext | None = None,
) -> Meeting:
    """Plan a meeting; every member is expected (attendance present until marked absent)."""
    authorise(actor, GovAction.manage_meeting)
    if body is Body.DISTRICT_SAFETY_COUNCIL:
        raise GovernanceRefused(["Het DVO vergadert buiten het huis."])
    meeting = Meeting.objects.create(
        body=body.value,
        held_on=held_on,
        location=location.strip(),
        requested_by=requested_by if body is Body.CORE_GROUP else None,
        created_by_id=actor.user_id,
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m) for m in selectors.active_members(body, held_on)
    )
    audit(
        ctx,
        actor,
        object_type="meeting",
        object_id=meeting.pk,
        purpose=f"Vergadering organiseren ({_ART[body]})",
    )
    return meeting


def _open(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting=meeting, distributed_at__isnull=False).exists():
        raise GovernanceRefused(["Het verslag is al verspreid; de vergadering is afgesloten."])


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    description: str = "",
    ctx: AuditContext | None = None,
) -> AgendaItem:
    authorise(actor, GovAction.manage_meeting)
    _open(meeting)
    position = meeting.agenda.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, title=title.strip(), description=description.strip()
    )
    audit(
        ctx,
        actor,
        object_type="agenda_item",
        object_id=item.pk,
        purpose=f"Agenda samenstellen ({_ART[Body(meeting.body)]})",
    )
    return item


@transaction.atomic
def meeting_document_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    file: UploadedFile,
    ctx: AuditContext | None = None,
) -> MeetingDocument:
    authorise(actor, GovAction.manage_meeting)
    document = MeetingDocument(meeting=meeting, title=title.strip(), uploaded_by_id=actor.user_id)
    document.file.save(file.name or "stuk.pdf", file, save=False)
    document.save()
    audit(
        ctx,
        actor,
        object_type="meeting_document",
        object_id=document.pk,
        purpose=f"Vergaderstukken ({_ART[Body(meeting.body)]})",
    )
    return document


def request_written_input(meeting: Meeting) -> int:
    """Art. 5.5, 7.2: ask every absent member for written input on every open motion.

    The member gets an e-mail with links only: what is on the agenda stays in Schakel, as the
    meetings are not public (Art. 5.9, 7.6).
    """
    absent = {
        a.member_id: a.member
        for a in meeting.attendance.filter(present=False).select_related("member__user")
    }
    asked: dict[int, list[str]] = {}
    for motion in meeting.motions.filter(status=Motion.Status.OPEN):
        for member_id in absent:
            _, new = WrittenInput.objects.get_or_create(motion=motion, member_id=member_id)
            if new:
                path = absolute_reverse("governance:motion_detail", motion.pk)
                asked.setdefault(member_id, []).append(path)
    for member_id, paths in asked.items():
        email = absent[member_id].user.email
        if email:
            send_mail(
                "Verzoek om schriftelijke inbreng",
                f"U was afwezig bij de vergadering van {meeting.held_on:%d-%m-%Y}. U wordt "
                "verzocht schriftelijk inbreng te leveren op de geagendeerde besluiten "
                "(art. 5.5, 7.2):\n" + "\n".join(paths),
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
    return sum(len(p) for p in asked.values())


@transaction.atomic
def attendance_set(
    *,
    actor: Actor,
    meeting: Meeting,
    absent_member_ids: Iterable[int],
    ctx: AuditContext | None = None,
) -> int:
    """Mark who is absent; the absent are asked for written input (Art. 5.5, 7.2)."""
    authorise(actor, GovAction.manage_meeting)
    _open(meeting)
    absent = set(absent_member_ids)
    rows = list(meeting.attendance.all())
    unknown = absent - {a.member_id for a in rows}
    if unknown:
        raise GovernanceRefused(["Alleen leden van dit orgaan kunnen afwezig zijn."])
    voted = set(
        meeting.motions.filter(votes__member_id__in=absent).values_list(
            "votes__member_id", flat=True
        )
    )
    if voted:
        raise GovernanceRefused(["Een lid dat al stemde, was aanwezig."])
    for row in rows:
        row.present = row.member_id not in absent
    Attendance.objects.bulk_update(rows, ["present"])
    asked = request_written_input(meeting)
    audit(
        ctx,
        actor,
        object_type="meeting",
        object_id=meeting.pk,
        action=AuditAction.UPDATE,
        purpose="Aanwezigheid; schriftelijke inbreng gevraagd (art. 5.5, 7.2)",
    )
    return asked


@transaction.atomic
def minutes_save(
    *, actor: Actor, meeting: Meeting, text: str, ctx: AuditContext | None = None
) -> Minutes:
    authorise(actor, GovAction.manage_meeting)
    _open(meeting)
    minutes, _ = Minutes.objects.update_or_create(
        meeting=meeting, defaults={"text": text.strip(), "written_by_id": actor.user_id}
    )
    audit(
        ctx,
        actor,
        object_type="minutes",
        object_id=minutes.pk,
        action=AuditAction.UPDATE,
        purpose=f"Verslag opstellen ({_ART[Body(meeting.body)]})",
    )
    return minutes


@transaction.atomic
def minutes_distribute(*, actor: Actor, meeting: Meeting, ctx: AuditContext | None = None) -> int:
    """Art. 4.7, 6.7: distribute the minutes to the members (a link only: not public, 5.9)."""
    authorise(actor, GovAction.manage_meeting)
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or not minutes.text:
        raise GovernanceRefused(["Er is nog geen verslag om te verspreiden."])
    if minutes.distributed_at is not None:
        raise GovernanceRefused(["Het verslag is al verspreid."])
    minutes.distributed_at = timezone.now()
    minutes.save(update_fields=["distributed_at"])
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    recipients = [
        a.member.user.email
        for a in meeting.attendance.select_related("member__user")
        if a.member.user.email
    ]
    path = absolute_reverse("governance:meeting_detail", meeting.pk)
    if recipients:
        send_mail(
            "Verslag beschikbaar in Schakel",
            f"Het verslag van de vergadering van {meeting.held_on:%d-%m-%Y} staat in Schakel: "
            f"{path}\nDe vergaderingen zijn niet openbaar (art. 5.9, 7.6).",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    audit(
        ctx,
        actor,
        object_type="minutes",
        object_id=minutes.pk,
        action=AuditAction.UPDATE,
        purpose=f"Verslag verspreid ({_ART[Body(meeting.body)]})",
    )
    return len(recipients)
