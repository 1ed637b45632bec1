"""What every meeting service shares: one transaction, the role check, the locked rows, the
audit rows. The services raise the case errors (`cases.errors`), so the screens and the API
answer them exactly as they answer the case services they call."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import Case, CaseSubject
from schakel.domain.actor import Actor
from schakel.domain.meetings_policy import (
    MeetingAction,
    MeetingItemFacts,
    decide_meeting_item,
    may_plan_meetings,
)
from schakel.meetings.models import AgendaItem, Meeting, MeetingStatus

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _Refused(Exception):
    """Carries the denial out of the rolled-back transaction, so it can be logged after it."""

    def __init__(self, original: Exception, actor: Actor, ctx: AuditContext, kind: str, pk: int):
        super().__init__(str(original))
        self.original, self.actor, self.ctx, self.kind, self.pk = original, actor, ctx, kind, pk


def meeting_write(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """One transaction per service; a refusal is logged *after* the rollback (a row written
    inside the rolled-back block would vanish with it)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except _Refused as refused:
            audit.access_denied(
                refused.ctx,
                actor=refused.actor,
                object_type=refused.kind,
                object_id=refused.pk,
                purpose=getattr(refused.original, "code", "not_found"),
            )
            raise refused.original from None

    return wrapper


def require_staff(actor: Actor, ctx: AuditContext, kind: str, pk: int) -> None:
    """Only the house staff who run the tables plan meetings (Art. 12, 15.2)."""
    if not may_plan_meetings(actor):
        # The same 404 as a missing meeting: whether a meeting or item exists is itself
        # information about the cases on the table (Art. 9.2).
        raise _Refused(CaseNotFound(), actor, ctx, kind, pk)


def _may_manage(actor: Actor, meeting: Meeting) -> bool:
    """The secretary, or the chair of this meeting (Art. 12, 15.2)."""
    facts = MeetingItemFacts(is_chair=meeting.chair_id == actor.user_id)
    return decide_meeting_item(actor, facts, MeetingAction.manage).allowed


def lock_meeting(*, actor: Actor, ctx: AuditContext, meeting_id: int) -> Meeting:
    require_staff(actor, ctx, "meeting", meeting_id)
    meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
    if meeting is None or not _may_manage(actor, meeting):
        raise _Refused(CaseNotFound(), actor, ctx, "meeting", meeting_id)
    return meeting


def lock_item(*, actor: Actor, ctx: AuditContext, item_id: int) -> AgendaItem:
    require_staff(actor, ctx, "agenda_item", item_id)
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "case")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not _may_manage(actor, item.meeting):
        raise _Refused(CaseNotFound(), actor, ctx, "agenda_item", item_id)
    return item


def require_status(meeting: Meeting, *statuses: MeetingStatus) -> None:
    if meeting.status not in statuses:
        if meeting.status == MeetingStatus.cancelled:
            raise CaseForbidden(_("The meeting has been cancelled."), "meeting_cancelled")
        raise CaseForbidden(_("The meeting has already been held."), "meeting_held")


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors)


def fresh_version(case_id: int) -> int:
    """The case's version inside this transaction, for the case services' optimistic lock."""
    return Case.objects.values_list("version", flat=True).get(pk=case_id)


def audit_change(
    ctx: AuditContext,
    *,
    actor: Actor,
    action: AuditAction,
    kind: str,
    pk: int,
    purpose: str,
    case_id: int | None = None,
) -> None:
    """One row per subject when the change concerns a case (so it shows in the person's access
    log), else one row."""
    subjects: list[int | None] = (
        list(CaseSubject.objects.filter(case_id=case_id).values_list("subject_id", flat=True))
        if case_id is not None
        else []
    )
    for subject_id in subjects or [None]:
        audit.record_changed(
            ctx,
            actor=actor,
            action=action,
            object_type=kind,
            object_id=pk,
            purpose=purpose,
            subject_pseudonym=subject_pseudonym(subject_id) if subject_id is not None else "",
        )
