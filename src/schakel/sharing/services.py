"""Writes to information items and their releases. Each service runs in one transaction,
checks `domain.policy.decide_item`, writes a case timeline event and an audit row.

A refused attempt raises `CaseNotFound` (cannot see it: 404) or `CaseForbidden` (sees it, may
not do this) and is logged as denied after the rollback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import Case, CaseEvent, CaseParty
from schakel.cases.selectors import relation_for
from schakel.domain.actor import Actor
from schakel.domain.policy import CaseAction, ItemAction, ItemFacts, decide, decide_item
from schakel.parties.models import Party
from schakel.sharing.models import (
    InformationItem,
    ItemKind,
    Purpose,
    Regime,
    Release,
    ReleaseState,
    ThirdPartyConsent,
)
from schakel.sharing.selectors import item_facts

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _Refused(Exception):
    def __init__(self, exc: Exception, object_type: str, object_id: int, code: str) -> None:
        super().__init__(code)
        self.exc, self.object_type, self.object_id, self.code = exc, object_type, object_id, code


def _write(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """One transaction; a refusal is logged as denied *after* the rollback, then re-raised."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except _Refused as refused:
            audit.access_denied(
                kwargs["ctx"],  # type: ignore[arg-type]
                actor=kwargs["actor"],  # type: ignore[arg-type]
                object_type=refused.object_type,
                object_id=refused.object_id,
                purpose=refused.code,
            )
            raise refused.exc from None

    return wrapper


def _check(
    actor: Actor, facts: ItemFacts, action: ItemAction, object_type: str, object_id: int
) -> None:
    verdict = decide_item(actor, facts, action)
    if verdict.allowed:
        return
    # A case or item the actor may not read is missing to them, whatever the action
    # (a refusal must not tell that it exists).
    if not decide(actor, facts.case, CaseAction.read).allowed:
        raise _Refused(CaseNotFound(), object_type, object_id, verdict.reason)
    if action != ItemAction.add and not decide_item(actor, facts, ItemAction.read).allowed:
        raise _Refused(CaseNotFound(), object_type, object_id, verdict.reason)
    if verdict.reason == "case_closed":
        message = _("The case is closed and can no longer be changed.")
    else:
        message = _("You may not do this with this information.")
    raise _Refused(CaseForbidden(message, verdict.reason), object_type, object_id, verdict.reason)


def _lock_item(actor: Actor, item_id: int, action: ItemAction) -> InformationItem:
    item = (
        InformationItem.objects.select_for_update(of=("self",))
        .select_related("case")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise _Refused(CaseNotFound(), "information_item", item_id, "missing")
    _check(actor, item_facts(actor, item), action, "information_item", item_id)
    return item


def _note(
    ctx: AuditContext,
    actor: Actor,
    case: Case,
    kind: str,
    detail: str,
    action: AuditAction,
    object_type: str,
    object_id: int,
    purpose: str,
) -> None:
    now = timezone.now()
    CaseEvent.objects.create(
        case=case, kind=kind, detail=detail[:300], actor_id=actor.user_id, occurred_at=now
    )
    audit.record_changed(
        ctx,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
    )


def _party_name(party_id: int) -> str:
    """Timeline details name parties, never item titles (other parties read the timeline)."""
    return Party.objects.filter(pk=party_id).values_list("name", flat=True).first() or ""


def _text(errors: dict[str, list[str]], name: str, value: str, message: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        errors.setdefault(name, []).append(message)
    return cleaned


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors)


@_write
def item_add(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    title: str,
    content: str,
    kind: str,
    regime: str,
    special_category: bool = False,
    conditions_of_use: str = "",
) -> InformationItem:
    """A party involved in the case (or the house) contributes an item; it is the provider."""
    case = Case.objects.filter(pk=case_id).prefetch_related("parties").first()
    if case is None:
        raise _Refused(CaseNotFound(), "case", case_id, "missing")
    _check(actor, ItemFacts(case=relation_for(actor, case)), ItemAction.add, "case", case_id)
    errors: dict[str, list[str]] = {}
    title = _text(errors, "title", title, _("Give the information a title."))
    content = _text(errors, "content", content, _("Write down the information."))
    if kind not in ItemKind.values:
        errors.setdefault("kind", []).append(_("Choose a kind."))
    if regime not in Regime.values:
        errors.setdefault("regime", []).append(_("Choose the legal regime."))
    _raise_if(errors)
    item = InformationItem.objects.create(
        case=case,
        providing_party_id=actor.party_id,
        author_id=actor.user_id,
        created_at=timezone.now(),
        phase=case.phase,
        kind=kind,
        regime=regime,
        special_category=special_category,
        title=title[:120],
        content=content,
        conditions_of_use=(conditions_of_use or "").strip(),
    )
    _note(
        ctx,
        actor,
        case,
        "item_added",
        _party_name(actor.party_id),
        AuditAction.CREATE,
        "information_item",
        item.pk,
        "Art. 12.2f inbreng",
    )
    return item


@_write
def release_propose(
    *,
    actor: Actor,
    ctx: AuditContext,
    item_id: int,
    recipient_party_id: int | None,
    purpose: str,
    note: str = "",
) -> Release:
    """The process director proposes that the provider release an item to a party."""
    item = _lock_item(actor, item_id, ItemAction.propose)
    errors: dict[str, list[str]] = {}
    involved = recipient_party_id is not None and (
        CaseParty.objects.filter(
            case_id=item.case_id, party_id=recipient_party_id, removed_at__isnull=True
        ).exists()
    )
    if not involved or recipient_party_id == item.providing_party_id:
        errors.setdefault("recipient_party", []).append(
            _("Choose a party that is involved in the case and did not provide the information.")
        )
    if purpose not in Purpose.values:
        errors.setdefault("purpose", []).append(_("Choose a purpose."))
    _raise_if(errors)
    assert recipient_party_id is not None
    open_release = Release.objects.filter(
        item=item,
        recipient_party_id=recipient_party_id,
        purpose=purpose,
        state__in=[ReleaseState.proposed, ReleaseState.approved],
    )
    if open_release.exists():
        raise InvalidInput(
            {
                "recipient_party": [
                    _("This party already has a proposal or release for this purpose.")
                ]
            }
        )
    release = Release.objects.create(
        item=item,
        recipient_party_id=recipient_party_id,
        purpose=purpose,
        proposed_by_id=actor.user_id,
        proposed_at=timezone.now(),
        proposal_note=(note or "").strip(),
    )
    _note(
        ctx,
        actor,
        item.case,
        "release_proposed",
        _party_name(recipient_party_id),
        AuditAction.CREATE,
        "release",
        release.pk,
        "Art. 12.2f voorstel tot verstrekking",
    )
    return release


def _lock_release(
    actor: Actor, release_id: int, action: ItemAction, item_id: int | None
) -> Release:
    release = (
        Release.objects.select_for_update(of=("self",))
        .select_related("item", "item__case")
        .filter(pk=release_id)
        .first()
    )
    if release is None or (item_id is not None and release.item_id != item_id):
        raise _Refused(CaseNotFound(), "release", release_id, "missing")
    _check(actor, item_facts(actor, release.item), action, "release", release_id)
    return release


@_write
def release_decide(
    *,
    actor: Actor,
    ctx: AuditContext,
    release_id: int,
    approve: bool,
    reason: str,
    item_id: int | None = None,
) -> Release:
    """The providing party approves or refuses a proposed release, with a reason."""
    release = _lock_release(actor, release_id, ItemAction.decide, item_id)
    if release.state != ReleaseState.proposed:
        raise CaseForbidden(_("This proposal has already been decided."), "already_decided")
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", reason, _("Give the reason for your decision."))
    _raise_if(errors)
    release.state = ReleaseState.approved if approve else ReleaseState.refused
    release.decided_by_id = actor.user_id
    release.decided_at = timezone.now()
    release.reason = reason
    release.save()
    _note(
        ctx,
        actor,
        release.item.case,
        "release_approved" if approve else "release_refused",
        _party_name(release.recipient_party_id),
        AuditAction.UPDATE,
        "release",
        release.pk,
        "Art. 17.2 besluit verstrekking",
    )
    return release


@_write
def release_withdraw(
    *, actor: Actor, ctx: AuditContext, release_id: int, reason: str, item_id: int | None = None
) -> Release:
    """The providing party withdraws a release; the recipient loses access at once."""
    release = _lock_release(actor, release_id, ItemAction.withdraw, item_id)
    if release.state != ReleaseState.approved:
        raise CaseForbidden(_("Only an approved release can be withdrawn."), "not_approved")
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", reason, _("Give the reason for the withdrawal."))
    _raise_if(errors)
    release.state = ReleaseState.withdrawn
    release.withdrawn_by_id = actor.user_id
    release.withdrawn_at = timezone.now()
    release.withdrawal_reason = reason
    release.save()
    _note(
        ctx,
        actor,
        release.item.case,
        "release_withdrawn",
        _party_name(release.recipient_party_id),
        AuditAction.UPDATE,
        "release",
        release.pk,
        "Art. 17.2 intrekking verstrekking",
    )
    return release


@_write
def consent_record(
    *,
    actor: Actor,
    ctx: AuditContext,
    item_id: int,
    recipient: str,
    document_reference: str,
    consent_given_on: date | None,
) -> ThirdPartyConsent:
    """The providing party records its written consent to pass the item on (Art. 9.2)."""
    item = _lock_item(actor, item_id, ItemAction.consent)
    errors: dict[str, list[str]] = {}
    recipient = _text(errors, "recipient", recipient, _("Name the third party."))
    document_reference = _text(
        errors,
        "document_reference",
        document_reference,
        _("Refer to the written consent (document or letter)."),
    )
    if consent_given_on is None:
        errors.setdefault("consent_given_on", []).append(_("Give the date of the consent."))
    _raise_if(errors)
    assert consent_given_on is not None
    consent = ThirdPartyConsent.objects.create(
        item=item,
        recipient=recipient[:200],
        document_reference=document_reference[:200],
        consent_given_on=consent_given_on,
        recorded_by_id=actor.user_id,
        recorded_at=timezone.now(),
    )
    _note(
        ctx,
        actor,
        item.case,
        "consent_recorded",
        recipient,
        AuditAction.CREATE,
        "third_party_consent",
        consent.pk,
        "Art. 9.2 schriftelijke toestemming",
    )
    return consent


@_write
def item_withdraw(*, actor: Actor, ctx: AuditContext, item_id: int, reason: str) -> InformationItem:
    """The providing party withdraws the whole item (Art. 17.2): from this moment only the
    provider reads it; every open proposal and release ends with it."""
    item = _lock_item(actor, item_id, ItemAction.withdraw)
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", reason, _("Give the reason for the withdrawal."))
    _raise_if(errors)
    now = timezone.now()
    item.withdrawn_at = now
    item.withdrawn_by_id = actor.user_id
    item.withdrawal_reason = reason
    item.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    Release.objects.filter(
        item=item, state__in=[ReleaseState.proposed, ReleaseState.approved]
    ).update(
        state=ReleaseState.withdrawn,
        withdrawn_by_id=actor.user_id,
        withdrawn_at=now,
        withdrawal_reason=reason,
    )
    _note(
        ctx,
        actor,
        item.case,
        "item_withdrawn",
        _party_name(item.providing_party_id),
        AuditAction.UPDATE,
        "information_item",
        item.pk,
        "Art. 17.2 intrekking inbreng",
    )
    return item
