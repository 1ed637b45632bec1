"""The write path of retention: the house's schedule and legal holds (issue #5, parts 1 and 3).

Each service authorises, validates, changes and audits in one transaction; nothing is saved when
anything is wrong. The sweep itself lives in `sweep.py`.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, record_changed
from schakel.cases.models import Case
from schakel.domain.actor import Actor
from schakel.domain.retention import Period, validate_schedule
from schakel.domain.retention_policy import RetentionAction, retention_allows
from schakel.retention.errors import InvalidInput, RetentionForbidden
from schakel.retention.models import LegalHold, RetentionRuleSetting
from schakel.retention.schedule import RULE_CODES, rules_in_force

PURPOSE_SCHEDULE = "retention schedule (privacy protocol art. 11)"
PURPOSE_HOLD = "legal hold (privacy protocol art. 11; AVG art. 15-21)"
MAX_YEARS = 30


def _authorise(actor: Actor, action: RetentionAction) -> None:
    if not retention_allows(actor, action):
        raise RetentionForbidden(action.value)


def retention_rule_set(
    *,
    actor: Actor,
    ctx: AuditContext,
    code: str,
    months: int,
    days: int,
    legal_reference: str,
    description_nl: str,
) -> RetentionRuleSetting:
    """Set the house's period, reference and wording for one rule; audited (art. 11)."""
    _authorise(actor, RetentionAction.edit_schedule)
    if code not in RULE_CODES:
        raise RetentionForbidden("unknown_rule")
    errors: dict[str, list[str]] = {}
    if not 0 <= months <= 12 * MAX_YEARS:
        errors["months"] = [_("Enter a number of months between 0 and 360.")]
    if not 0 <= days <= 366:
        errors["days"] = [_("Enter a number of days between 0 and 366.")]
    if not legal_reference.strip():
        errors["legal_reference"] = [_("State the article of the privacy protocol.")]
    if not description_nl.strip():
        errors["description_nl"] = [_("Describe what happens.")]
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        schedule = [
            dataclasses.replace(
                entry.rule,
                period=Period(months, days),
                legal_reference=legal_reference.strip(),
                description_nl=description_nl.strip(),
            )
            if entry.rule.code == code
            else entry.rule
            for entry in rules_in_force()
        ]
        problems = validate_schedule(schedule)
        if problems:
            raise InvalidInput({"": problems})
        row, _created = RetentionRuleSetting.objects.update_or_create(
            code=code,
            defaults={
                "months": months,
                "days": days,
                "legal_reference": legal_reference.strip(),
                "description_nl": description_nl.strip(),
                "changed_by_id": actor.user_id,
                "changed_at": timezone.now(),
            },
        )
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="retention_rule",
            object_id=code,
            purpose=PURPOSE_SCHEDULE,
        )
    return row


def _case_by_number(number: str) -> Case | None:
    return Case.objects.filter(number=number.strip().upper()).first()


def legal_hold_place(
    *, actor: Actor, ctx: AuditContext, case_number: str, reason: str, until: date | None
) -> LegalHold:
    """Pause every deletion of one case until `until` (inclusive), with a reason."""
    _authorise(actor, RetentionAction.manage_holds)
    errors: dict[str, list[str]] = {}
    case = _case_by_number(case_number) if case_number.strip() else None
    if case is None:
        errors["case_number"] = [_("No case has this case number.")]
    if not reason.strip():
        errors["reason"] = [_("State why deletion must wait.")]
    today = timezone.localdate()
    if until is None:
        errors["until"] = [_("Enter the last day of the hold.")]
    elif until < today:
        errors["until"] = [_("The hold must end today or later.")]
    elif until > date(today.year + 10, 12, 31):
        errors["until"] = [_("A hold lasts at most ten years; place a new one when it ends.")]
    active = LegalHold.objects.filter(case=case, lifted_at__isnull=True, until__gte=today)
    if case is not None and not errors and active.exists():
        errors["case_number"] = [_("This case already has a legal hold; lift it first.")]
    if errors:
        raise InvalidInput(errors)
    assert case is not None and until is not None
    now = timezone.now()
    try:
        with transaction.atomic():
            # A hold that has run out is no longer active: close it so only one is open.
            LegalHold.objects.filter(case=case, lifted_at__isnull=True).update(
                lifted_at=now, lift_reason="verlopen"
            )
            hold = LegalHold.objects.create(
                case=case,
                reason=reason.strip(),
                until=until,
                placed_by_id=actor.user_id,
                placed_at=now,
            )
            record_changed(
                ctx,
                actor=actor,
                action=AuditAction.CREATE,
                object_type="legal_hold",
                object_id=hold.pk,
                purpose=PURPOSE_HOLD,
            )
    except IntegrityError:  # placed by someone else at the same moment
        raise InvalidInput(
            {"case_number": [_("This case already has a legal hold; lift it first.")]}
        ) from None
    return hold


def legal_hold_lift(*, actor: Actor, ctx: AuditContext, hold_id: int, reason: str) -> LegalHold:
    """End a hold early; the sweep may delete the case again on its next run."""
    _authorise(actor, RetentionAction.manage_holds)
    if not reason.strip():
        raise InvalidInput({"reason": [_("State why the hold is lifted.")]})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(pk=hold_id).first()
        if hold is None or hold.lifted_at is not None:
            raise RetentionForbidden("no_active_hold")
        hold.lifted_at = timezone.now()
        hold.lifted_by_id = actor.user_id
        hold.lift_reason = reason.strip()
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="legal_hold",
            object_id=hold.pk,
            purpose=PURPOSE_HOLD,
        )
    return hold
