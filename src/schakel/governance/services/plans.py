"""The annual plan (Art. 4.4, 4.6) and amendments of the covenant (Art. 22)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import amendment_requires_resigning
from schakel.domain.governance_policy import GovAction
from schakel.governance.models import Amendment, AnnualPlan
from schakel.governance.services._common import GovernanceRefused, audit, authorise, today
from schakel.parties.models import Covenant

PLAN_FIELDS = ("vision", "priorities", "budget", "accounts", "quality", "target_groups")


@transaction.atomic
def annual_plan_save(
    *, actor: Actor, year: int, ctx: AuditContext | None = None, **parts: str
) -> AnnualPlan:
    """Draft (or revise) the plan of ``year``; an adopted plan changes only by a new decision."""
    authorise(actor, GovAction.manage_annual_plan)
    unknown = set(parts) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"unknown parts: {sorted(unknown)}")
    plan = AnnualPlan.objects.select_for_update().filter(year=year).first()
    if plan is not None and plan.adopted_on is not None:
        raise GovernanceRefused(
            [
                "Het jaarplan is vastgesteld; bijstellen is een nieuw besluit van de Stuurgroep "
                "(art. 4.4)."
            ]
        )
    if plan is None:
        plan = AnnualPlan(year=year, updated_by_id=actor.user_id)
    for key, value in parts.items():
        setattr(plan, key, value.strip())
    plan.updated_by_id = actor.user_id
    plan.save()
    audit(
        ctx,
        actor,
        object_type="annual_plan",
        object_id=plan.pk,
        action=AuditAction.UPDATE,
        purpose="Jaarplan opstellen (art. 4.4)",
    )
    return plan


@transaction.atomic
def annual_plan_send(
    *, actor: Actor, plan: AnnualPlan, on: date | None = None, ctx: AuditContext | None = None
) -> AnnualPlan:
    """Art. 4.6: after adoption, the municipalities and the core group receive the plan."""
    authorise(actor, GovAction.manage_annual_plan)
    if plan.adopted_on is None:
        raise GovernanceRefused(["Het jaarplan is nog niet door de Stuurgroep vastgesteld."])
    if plan.sent_on is not None:
        raise GovernanceRefused(["Het jaarplan is al verzonden."])
    plan.sent_on = on or today()
    plan.save(update_fields=["sent_on"])
    audit(
        ctx,
        actor,
        object_type="annual_plan",
        object_id=plan.pk,
        action=AuditAction.UPDATE,
        purpose="Art. 4.6: jaarplan ter informatie aan gemeenten en kerngroep",
    )
    return plan


@transaction.atomic
def amendment_create(
    *,
    actor: Actor,
    covenant: Covenant,
    title: str,
    articles_changed: str,
    effective_on: date,
    ctx: AuditContext | None = None,
) -> Amendment:
    """Art. 22.1: a proposed change; the Stuurgroep adopts it by majority (a motion)."""
    authorise(actor, GovAction.manage_amendments)
    refs = [a.strip() for a in articles_changed.split(",") if a.strip()]
    if not refs:
        raise GovernanceRefused(["Noem de artikelen die wijzigen."])
    try:
        amendment_requires_resigning(refs)
    except ValueError as exc:
        raise GovernanceRefused([str(exc)]) from exc
    amendment = Amendment.objects.create(
        covenant=covenant,
        title=title.strip(),
        articles_changed=", ".join(refs),
        effective_on=effective_on,
        created_by_id=actor.user_id,
    )
    audit(
        ctx,
        actor,
        object_type="amendment",
        object_id=amendment.pk,
        purpose="Art. 22.1: wijziging van het convenant voorgesteld",
    )
    return amendment
