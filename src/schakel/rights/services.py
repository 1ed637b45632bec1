"""Writes to the register of requests by subjects. Each service authorises
(`domain.subject_rights`), validates, changes and audits in one transaction; nothing is saved
when anything is wrong. A refusal is logged as denied and raised as `CaseNotFound` (404: the
register's existence is not shown to others), `CaseForbidden` (a rule refuses: 409/403) or
`InvalidInput` (Dutch messages per field).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import CaseSubject
from schakel.domain import subject_rights as rules
from schakel.domain.actor import Actor
from schakel.domain.retention_policy import RetentionAction, retention_allows
from schakel.rights.models import (
    Outcome,
    Rectification,
    RectificationAnswer,
    RequestKind,
    RequestNote,
    RequestStatus,
    SubjectInforming,
    SubjectRequest,
)
from schakel.rights.selectors import (
    Person,
    forget_rectifications_seen,
    person_for_write,
    person_items,
)

MAX_TEXT = 10_000
# Awb Art. 6:7: six weeks to object to the answer; the hold covers that period too.
HOLD_AFTER_DEADLINE = timedelta(weeks=6)


def _refuse(ctx: AuditContext, actor: Actor, what: str, object_id: int, code: str) -> None:
    audit.access_denied(ctx, actor=actor, object_type=what, object_id=object_id, purpose=code)


def _person(ctx: AuditContext, actor: Actor, subject_id: int) -> Person:
    person = person_for_write(actor=actor, subject_id=subject_id)
    if person is None:
        _refuse(ctx, actor, "subject", subject_id, "write")
        raise CaseNotFound
    return person


def _text(errors: dict[str, list[str]], name: str, value: str, message: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        errors.setdefault(name, []).append(message)
    elif len(cleaned) > MAX_TEXT:
        errors.setdefault(name, []).append(_("At most 10,000 characters."))
    return cleaned


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors)


def request_record(
    *,
    actor: Actor,
    ctx: AuditContext,
    subject_id: int,
    kind: str,
    received_on: date | None,
    description: str,
) -> SubjectRequest:
    """Record a request by a person; the deadline is one month from receipt (Art. 12.3)."""
    person = _person(ctx, actor, subject_id)
    errors: dict[str, list[str]] = {}
    if kind not in RequestKind.values:
        errors["kind"] = [_("Choose the kind of request.")]
    today = timezone.localdate()
    if received_on is None:
        errors["received_on"] = [_("Fill in the date the request was received.")]
    elif received_on > today:
        errors["received_on"] = [_("The date of receipt cannot be in the future.")]
    elif received_on < date(today.year - 5, 1, 1):
        errors["received_on"] = [_("The date of receipt is more than five years ago.")]
    text = _text(errors, "description", description, _("Describe what the person asks."))
    _raise(errors)
    assert received_on is not None
    now = timezone.now()
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            subject=person.anchor,
            kind=kind,
            received_on=received_on,
            deadline=rules.first_deadline(received_on),
            description=text,
            recorded_by_id=actor.user_id,
            recorded_at=now,
            updated_at=now,
        )
        audit.subject_request_recorded(
            ctx,
            actor=actor,
            request_id=request.pk,
            kind=kind,
            subject_pseudonym=subject_pseudonym(person.anchor.pk),
        )
    return request


def _lock(ctx: AuditContext, actor: Actor, request_id: int) -> SubjectRequest:
    request = (
        SubjectRequest.objects.select_for_update().filter(pk=request_id).first()
        if rules.may_handle_subject_requests(actor)
        else None
    )
    if request is None:
        _refuse(ctx, actor, "subject_request", request_id, "write")
        raise CaseNotFound
    return request


def _open(request: SubjectRequest) -> None:
    if request.status == RequestStatus.completed:
        raise CaseForbidden(
            _("This request has been completed and can no longer change."), "closed"
        )


def _handled(ctx: AuditContext, actor: Actor, request: SubjectRequest, step: str) -> None:
    if request.status == RequestStatus.received and step != "decided":
        request.status = RequestStatus.in_progress
    request.updated_at = timezone.now()
    request.save()
    audit.subject_request_handled(
        ctx,
        actor=actor,
        request_id=request.pk,
        step=step,
        subject_pseudonym=subject_pseudonym(request.subject_id),
    )


@transaction.atomic
def request_note_add(*, actor: Actor, ctx: AuditContext, request_id: int, text: str) -> RequestNote:
    """A handling note; the first one puts a received request in progress."""
    request = _lock(ctx, actor, request_id)
    _open(request)
    errors: dict[str, list[str]] = {}
    cleaned = _text(errors, "text", text, _("Write the note."))
    _raise(errors)
    note = RequestNote.objects.create(
        request=request, text=cleaned, written_by_id=actor.user_id, written_at=timezone.now()
    )
    _handled(ctx, actor, request, "note")
    return note


EXTENSION_MESSAGES = {
    "completed": gettext_noop("This request has been completed and can no longer change."),
    "already_extended": gettext_noop(
        "The deadline has already been extended once (AVG Art. 12.3)."
    ),
    "months_out_of_range": gettext_noop("Extend by one or two months (AVG Art. 12.3)."),
    "reason_required": gettext_noop("State why the extension is necessary."),
    "first_month_passed": gettext_noop(
        "The first month has passed: an extension had to be told to the person within it "
        "(AVG Art. 12.3)."
    ),
}


@transaction.atomic
def request_extend(
    *, actor: Actor, ctx: AuditContext, request_id: int, months: int, reason: str
) -> SubjectRequest:
    """Extend the deadline once by one or two further months, with the reason (Art. 12.3)."""
    request = _lock(ctx, actor, request_id)
    check = rules.check_extension(
        received_on=request.received_on,
        today=timezone.localdate(),
        already_extended=request.extended_deadline is not None,
        completed=request.status == RequestStatus.completed,
        months=months,
        reason=reason,
    )
    if not check.allowed:
        field = {"months_out_of_range": "months", "reason_required": "reason"}.get(check.reason)
        message = _(EXTENSION_MESSAGES[check.reason])
        if field:
            raise InvalidInput({field: [message]})
        raise CaseForbidden(message, "closed" if check.reason == "completed" else check.reason)
    request.extended_deadline = check.new_deadline
    request.extension_reason = reason.strip()[:MAX_TEXT]
    _handled(ctx, actor, request, f"extended by {months} months")
    return request


@transaction.atomic
def request_decide(
    *, actor: Actor, ctx: AuditContext, request_id: int, outcome: str, grounds: str
) -> SubjectRequest:
    """Record the outcome and complete the request; a refusal always states its grounds
    (Art. 12.4), an erasure decision always does (Art. 17.1, 17.3)."""
    request = _lock(ctx, actor, request_id)
    _open(request)
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    else:
        codes = rules.decision_errors(
            kind=rules.RequestKind(request.kind), outcome=rules.Outcome(outcome), grounds=grounds
        )
        if "grounds_required_for_refusal" in codes:
            errors["grounds"] = [_("State the grounds for the refusal (AVG Art. 12.4).")]
        if "grounds_required_for_erasure" in codes:
            errors["grounds"] = [_("State the grounds for the erasure decision (AVG Art. 17).")]
    if len(grounds) > MAX_TEXT:
        errors["grounds"] = [_("At most 10,000 characters.")]
    _raise(errors)
    if request.rectifications.filter(answer=RectificationAnswer.pending).exists():
        raise CaseForbidden(
            _("A providing party has not answered yet; wait for every answer."), "pending"
        )
    request.outcome = outcome
    request.grounds = grounds.strip()
    request.status = RequestStatus.completed
    request.decided_by_id = actor.user_id
    request.decided_at = timezone.now()
    _handled(ctx, actor, request, f"decided: {outcome}")
    return request


@transaction.atomic
def rectification_route(
    *, actor: Actor, ctx: AuditContext, request_id: int, item_ids: list[int], question: str
) -> list[Rectification]:
    """Route a rectification request to the party that provided each concerned item: that
    party is the controller for it and decides (Art. 12.2f; AVG Art. 16, 19)."""
    request = _lock(ctx, actor, request_id)
    _open(request)
    if request.kind != RequestKind.rectification:
        raise CaseForbidden(_("Only a rectification request is routed to a party."), "kind")
    errors: dict[str, list[str]] = {}
    rows = person_for_write(actor=actor, subject_id=request.subject_id)
    assert rows is not None
    items = {i.pk: i for i in person_items(rows).filter(pk__in=item_ids)}
    if not item_ids or len(items) != len(set(item_ids)):
        errors["items"] = [_("Choose the information the person wants corrected.")]
    text = _text(errors, "question", question, _("Say what should be corrected."))
    _raise(errors)
    now = timezone.now()
    created = []
    for item in items.values():
        row, new = Rectification.objects.get_or_create(
            request=request,
            item=item,
            defaults={
                "party_id": item.providing_party_id,
                "question": text,
                "routed_by_id": actor.user_id,
                "routed_at": now,
            },
        )
        if new:
            created.append(row)
    if not created:
        raise InvalidInput({"items": [_("This information has already been sent to its party.")]})
    _handled(ctx, actor, request, f"rectification routed ({len(created)})")
    # The parties' menu item is kept a minute per process: asked again here once committed.
    parties = {row.party_id for row in created}
    transaction.on_commit(lambda: forget_rectifications_seen(parties))
    return created


@transaction.atomic
def rectification_answer(
    *, actor: Actor, ctx: AuditContext, rectification_id: int, answer: str, note: str
) -> Rectification:
    """The providing party answers: corrected, supplemented or refused, with an explanation."""
    row = Rectification.objects.select_for_update().filter(pk=rectification_id).first()
    if row is None or not rules.may_answer_rectification(actor, providing_party_id=row.party_id):
        _refuse(ctx, actor, "rectification", rectification_id, "answer")
        raise CaseNotFound
    if row.answer != RectificationAnswer.pending:
        raise CaseForbidden(_("Your organisation has already answered."), "closed")
    errors: dict[str, list[str]] = {}
    if answer not in RectificationAnswer.values or answer == RectificationAnswer.pending:
        errors["answer"] = [_("Choose your answer.")]
    cleaned = _text(errors, "note", note, _("Explain your answer."))
    _raise(errors)
    row.answer, row.answer_note = answer, cleaned
    row.answered_by_id, row.answered_at = actor.user_id, timezone.now()
    row.save()
    audit.subject_request_handled(
        ctx,
        actor=actor,
        request_id=row.request_id,
        step=f"rectification answered: {answer}",
        subject_pseudonym=subject_pseudonym(row.request.subject_id),
    )
    return row


INFORMING_MESSAGES = {
    ("informed_on", "required"): gettext_noop("Fill in the date the person was informed."),
    ("informed_on", "in_future"): gettext_noop("The date cannot be in the future."),
    ("postponed_reason", "required"): gettext_noop("State why informing is postponed."),
    ("review_on", "required"): gettext_noop("Fill in when the postponement is reviewed."),
    ("review_on", "not_in_future"): gettext_noop("The review date must be after today."),
}


def informing_record(
    *,
    actor: Actor,
    ctx: AuditContext,
    subject_id: int,
    state: str,
    informed_on: date | None,
    postponed_reason: str,
    review_on: date | None,
) -> SubjectInforming:
    """Per person: informed (when), or postponed (why, and when that is reviewed)."""
    person = _person(ctx, actor, subject_id)
    if state not in {s.value for s in rules.InformingState}:
        raise InvalidInput({"state": [_("Choose whether the person was informed.")]})
    codes = rules.informing_errors(
        state=rules.InformingState(state),
        informed_on=informed_on,
        postponed_reason=postponed_reason,
        review_on=review_on,
        today=timezone.localdate(),
    )
    _raise({name: [_(INFORMING_MESSAGES[(name, code)])] for name, code in codes.items()})
    informed = state == rules.InformingState.informed
    postponed = state == rules.InformingState.postponed
    with transaction.atomic():
        row, _created = SubjectInforming.objects.update_or_create(
            subject=person.anchor,
            defaults={
                "state": state,
                "informed_on": informed_on if informed else None,
                "postponed_reason": postponed_reason.strip()[:MAX_TEXT] if postponed else "",
                "review_on": review_on if postponed else None,
                "updated_by_id": actor.user_id,
                "updated_at": timezone.now(),
            },
        )
        audit.subject_informing_recorded(
            ctx,
            actor=actor,
            subject_id=person.anchor.pk,
            state=state,
            subject_pseudonym=subject_pseudonym(person.anchor.pk),
        )
    return row


def may_place_hold(actor: Actor) -> bool:
    return retention_allows(actor, RetentionAction.manage_holds)


@transaction.atomic
def request_hold_place(*, actor: Actor, ctx: AuditContext, request_id: int) -> int:
    """Pause deletion of every case of the person while the request is pending (issue #5.3),
    through the retention app's own service; returns how many holds were placed."""
    from schakel.retention.errors import InvalidInput as HoldInvalid
    from schakel.retention.services import legal_hold_place

    request = _lock(ctx, actor, request_id)
    _open(request)
    if not may_place_hold(actor):
        raise CaseForbidden(_("Only the privacy officer places a legal hold."), "hold")
    person = person_for_write(actor=actor, subject_id=request.subject_id)
    assert person is not None
    numbers = set(
        CaseSubject.objects.filter(subject_id__in=person.subject_ids).values_list(
            "case__number", flat=True
        )
    )
    placed = 0
    for number in sorted(numbers):
        try:
            legal_hold_place(
                actor=actor,
                ctx=ctx,
                case_number=number,
                reason=f"Verzoek betrokkene nr. {request.pk} (AVG Art. 12) in behandeling",
                until=request.current_deadline + HOLD_AFTER_DEADLINE,
            )
            placed += 1
        except HoldInvalid:
            continue  # the case already has an active hold: it is paused anyway
    _handled(ctx, actor, request, f"legal hold placed ({placed})")
    return placed
