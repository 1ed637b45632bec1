"""Labels and flags for the requests screens, and the shell's menu items (the labels live in
this app's catalogue)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.links import page_path
from schakel.domain.actor import Actor
from schakel.domain.subject_rights import (
    DUE_SOON_DAYS,
    REQUEST_KIND_ARTICLES,
    RequestKind,
    is_due_soon,
    is_overdue,
    may_answer_rectification,
    may_handle_subject_requests,
)
from schakel.rights.models import RequestStatus, SubjectRequest


@dataclass
class RequestRow:
    request: SubjectRequest
    deadline: date
    overdue: bool
    due_soon: bool
    article: str


def request_row(request: SubjectRequest, today: date) -> RequestRow:
    completed = request.status == RequestStatus.completed
    deadline = request.current_deadline
    return RequestRow(
        request=request,
        deadline=deadline,
        overdue=is_overdue(deadline=deadline, today=today, completed=completed),
        due_soon=is_due_soon(deadline=deadline, today=today, completed=completed),
        article=REQUEST_KIND_ARTICLES[RequestKind(request.kind)],
    )


def rights_home(actor: Actor) -> dict[str, Any] | None:
    """ "Mijn werk": requests overdue or due within a week; correction requests waiting for the
    actor's party. ``None`` when there is nothing to show."""
    from schakel.rights.selectors import rectifications_waiting, requests_due

    today = timezone.localdate()
    due = [
        request_row(r, today)
        for r in requests_due(actor=actor, until=today + timedelta(days=DUE_SOON_DAYS))
    ]
    waiting = rectifications_waiting(actor=actor)
    if not due and not waiting and not may_handle_subject_requests(actor):
        return None
    return {"due": due, "waiting": waiting, "handles": may_handle_subject_requests(actor)}


def rights_navigation(actor: Actor) -> list[dict[str, Any]]:
    """ "Verzoeken betrokkenen" for the information coordinator and the privacy officer;
    "Correctieverzoeken" for a party's case workers once a rectification was routed to them."""
    if may_handle_subject_requests(actor):
        return [{"label": _("Subject requests"), "url": page_path("rights:list")}]
    if may_answer_rectification(actor, providing_party_id=actor.party_id):
        from schakel.rights.selectors import may_see_rectifications

        if may_see_rectifications(actor):
            return [{"label": _("Correction requests"), "url": page_path("rights:tasks")}]
    return []
