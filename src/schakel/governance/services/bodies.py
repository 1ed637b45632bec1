"""Seats in the Stuurgroep and the Kerngroepoverleg (Art. 4.3, 6.3, 6.5, Bijlage 4).

The manager (secretary of the Stuurgroep) and the functional administrator keep the seats.
A seat is never deleted: it ends (``until``), so earlier meetings keep their members.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from schakel.accounts.models import User
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import MAX_MUNICIPAL_DELEGATES, Body, CoreRole
from schakel.domain.governance_policy import GovAction
from schakel.domain.parties import PartyKind
from schakel.governance import selectors
from schakel.governance.models import BodyMember
from schakel.governance.services._common import GovernanceRefused, audit, authorise
from schakel.parties.models import Party


def _mandate_problems(
    body: Body, core_role: CoreRole | None, mandated_by: list[Party], since: date
) -> list[str]:
    if core_role is None:
        if mandated_by:
            return ["Alleen een gemeentelijk afgevaardigde heeft een mandaat van gemeenten."]
        return []
    if body is not Body.CORE_GROUP:
        return ["Een rol in de kerngroep hoort bij een zetel in het Kerngroepoverleg (art. 6.3)."]
    if core_role is not CoreRole.MUNICIPAL_DELEGATE:
        if mandated_by:
            return ["Alleen een gemeentelijk afgevaardigde heeft een mandaat van gemeenten."]
        return []
    problems = []
    municipal = selectors.active_members(body, since).filter(core_role=core_role.value)
    if municipal.count() >= MAX_MUNICIPAL_DELEGATES:
        problems.append(
            f"De gemeenten hebben ten hoogste {MAX_MUNICIPAL_DELEGATES} afgevaardigden in het "
            "Kerngroepoverleg (art. 6.5)."
        )
    if not mandated_by:
        problems.append("Een gemeentelijk afgevaardigde is gemandateerd door gemeenten (art. 6.5).")
    if any(p.kind != PartyKind.municipality.value for p in mandated_by):
        problems.append("Alleen gemeenten kunnen een afgevaardigde mandateren (art. 6.5).")
    return problems


@transaction.atomic
def body_member_add(
    *,
    actor: Actor,
    body: Body,
    user: User,
    since: date,
    party: Party | None = None,
    seat: str = "",
    core_role: CoreRole | None = None,
    mandated_by: Iterable[Party] = (),
    mandate_accepted_in_writing: bool = False,
    ctx: AuditContext | None = None,
) -> BodyMember:
    """Give ``user`` a seat (Art. 4.3, 6.3); municipal delegates carry a mandate (6.5)."""
    authorise(actor, GovAction.manage_seats)
    if body is Body.DISTRICT_SAFETY_COUNCIL:
        raise GovernanceRefused(["Het DVO vergadert buiten het huis."])
    mandates = list(mandated_by)
    problems = []
    open_seat = BodyMember.objects.filter(body=body.value, user=user, until__isnull=True)
    if open_seat.exists() or selectors.active_members(body, since).filter(user=user).exists():
        problems.append(f"{user} heeft al een zetel in {body.named}.")
    problems.extend(_mandate_problems(body, core_role, mandates, since))
    if problems:
        raise GovernanceRefused(problems)
    member = BodyMember.objects.create(
        body=body.value,
        user=user,
        party=party,
        seat=seat.strip(),
        core_role=core_role.value if core_role else "",
        since=since,
        mandate_accepted_in_writing=mandate_accepted_in_writing,
    )
    member.mandated_by.set(mandates)
    audit(
        ctx,
        actor,
        object_type="body_member",
        object_id=member.pk,
        purpose="Samenstelling (art. 4.3, 6.3, 6.5)",
    )
    return member


@transaction.atomic
def body_member_end(
    *, actor: Actor, member: BodyMember, until: date, ctx: AuditContext | None = None
) -> BodyMember:
    """End a seat on ``until`` (the first day without it); the mandate ends with it."""
    authorise(actor, GovAction.manage_seats)
    member = BodyMember.objects.select_for_update().get(pk=member.pk)
    problems = []
    if member.until is not None:
        problems.append(f"De zetel van {member.user} is al beëindigd.")
    if until <= member.since:
        problems.append("De zetel eindigt na de datum waarop hij begon.")
    if problems:
        raise GovernanceRefused(problems)
    member.until = until
    member.save(update_fields=["until"])
    audit(
        ctx,
        actor,
        object_type="body_member",
        object_id=member.pk,
        action=AuditAction.UPDATE,
        purpose="Samenstelling: zetel beëindigd (art. 4.3, 6.3, 6.5)",
    )
    return member
