"""What follows a decision: escalation (Art. 7.3, 5.6, 5.7), the outcome of the Districtelijk
Veiligheidsoverleg, and informing the Kerngroepoverleg of Stuurgroep decisions (Art. 5.8)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.core.links import absolute_url
from schakel.domain.actor import Actor
from schakel.domain.covenant import Body
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors
from schakel.governance.models import Escalation, Motion
from schakel.governance.services._common import GovernanceRefused, audit, authorise, today


def escalate(
    actor: Actor, motion: Motion, to: Body, reason: str, day: date, ctx: AuditContext | None
) -> Escalation:
    follow_up = None
    if to is Body.STEERING_GROUP:
        # Art. 7.3: the matter is put to the Stuurgroep for decision (to be put on its agenda).
        follow_up = Motion.objects.create(
            body=to.value,
            kind=motion.kind,
            title=motion.title,
            text=motion.text,
            raises_contribution=motion.raises_contribution,
            changes_services=motion.changes_services,
            join_request=motion.join_request,
            exclusion=motion.exclusion,
            amendment=motion.amendment,
            annual_plan=motion.annual_plan,
            escalated_from=motion,
            created_by_id=actor.user_id,
        )
        follow_up.affects.set(list(motion.affects.all()))
    escalation = Escalation.objects.create(
        motion=motion,
        from_body=motion.body,
        to_body=to.value,
        reason=reason,
        follow_up=follow_up,
        escalated_on=day,
    )
    audit(
        ctx,
        actor,
        object_type="escalation",
        object_id=escalation.pk,
        purpose=f"Opschaling naar {to.label} (art. 7.3, 5.6, 5.7)",
    )
    return escalation


@transaction.atomic
def escalation_outcome_record(
    *,
    actor: Actor,
    escalation: Escalation,
    outcome: str,
    decided_on: date | None = None,
    ctx: AuditContext | None = None,
) -> Escalation:
    """Art. 5.6, 5.7: record what the Districtelijk Veiligheidsoverleg decided on the matter."""
    authorise(actor, GovAction.manage_meeting)
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    day = decided_on or today()
    problems = []
    if escalation.to_body != Body.DISTRICT_SAFETY_COUNCIL.value:
        problems.append(
            "Alleen van een zaak die aan het Districtelijk Veiligheidsoverleg is voorgelegd, "
            "wordt de uitkomst vastgelegd (art. 5.6, 5.7)."
        )
    if escalation.outcome_on is not None:
        problems.append("De uitkomst van het Districtelijk Veiligheidsoverleg is al vastgelegd.")
    if not outcome.strip():
        problems.append("Beschrijf wat het Districtelijk Veiligheidsoverleg besloot.")
    if day < escalation.escalated_on:
        problems.append("Het DVO besliste niet vóór de zaak werd voorgelegd.")
    if problems:
        raise GovernanceRefused(problems)
    escalation.outcome = outcome.strip()
    escalation.outcome_on = day
    escalation.outcome_recorded_by_id = actor.user_id
    escalation.save(update_fields=["outcome", "outcome_on", "outcome_recorded_by"])
    audit(
        ctx,
        actor,
        object_type="escalation",
        object_id=escalation.pk,
        action=AuditAction.UPDATE,
        purpose="Uitkomst Districtelijk Veiligheidsoverleg (art. 5.6, 5.7)",
    )
    return escalation


def inform_core_group(motion: Motion, ctx: AuditContext | None, actor: Actor) -> int:
    """Art. 5.8: the members of the Kerngroepoverleg are informed in writing of a decision of
    the Stuurgroep. The e-mail holds the title and a link only (no personal data of subjects;
    the decision itself stays in Schakel). Returns the number of members written to."""
    if motion.body != Body.STEERING_GROUP.value or motion.decided_on is None:
        return 0
    day = motion.decided_on
    recipients = sorted(
        {
            m.user.email
            for m in selectors.active_members(Body.CORE_GROUP, day)
            if m.user.email and m.user.is_active
        }
    )
    # The register, not the motion: the Kerngroepoverleg reads decisions, not the meeting.
    path = absolute_url(reverse("governance:decisions") + f"#besluit-{motion.pk}")
    if recipients:
        send_mail(
            "Besluit van de Stuurgroep",
            f"De Stuurgroep heeft op {day:%d-%m-%Y} besloten over: {motion.title}\n"
            f"Het besluit staat in Schakel: {path}\n"
            "U ontvangt dit bericht als lid van het Kerngroepoverleg (art. 5.8).",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    Motion.objects.filter(pk=motion.pk).update(
        core_group_informed_at=timezone.now(), core_group_informed_count=len(recipients)
    )
    audit(
        ctx,
        actor,
        object_type="motion",
        object_id=motion.pk,
        action=AuditAction.UPDATE,
        purpose="Kerngroepoverleg schriftelijk geïnformeerd over besluit (art. 5.8)",
    )
    return len(recipients)
