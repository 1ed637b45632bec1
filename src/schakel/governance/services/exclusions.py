"""Art. 23.2: excluding a party: notice of default, hearing, the Stuurgroep's decision."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import Body
from schakel.domain.governance_policy import GovAction
from schakel.governance.models import Exclusion, Meeting, Motion
from schakel.governance.services._common import GovernanceRefused, audit, authorise
from schakel.governance.services.leaving import exclusion_open
from schakel.governance.services.motions import motion_create
from schakel.parties.models import Covenant, Party


@transaction.atomic
def exclusion_propose(
    *,
    actor: Actor,
    party: Party,
    covenant: Covenant,
    breach: str,
    notice_of_default_on: date | None,
    heard_on: date | None,
    meeting: Meeting,
    ctx: AuditContext | None = None,
) -> Motion:
    """Art. 23.2: prepare an exclusion and put it to the Stuurgroep in one step. Whether the
    notice of default and the hearing came first is checked when the decision is recorded."""
    if not breach.strip():
        raise GovernanceRefused(
            [
                f"Niet vastgelegd is welke afspraken uit het convenant {party} niet nakomt "
                "(art. 23.2)."
            ]
        )
    exclusion = exclusion_open(
        actor=actor,
        party=party,
        covenant=covenant,
        breach=breach,
        notice_of_default_on=notice_of_default_on,
        heard_on=heard_on,
        ctx=ctx,
    )
    return motion_create(
        actor=actor,
        body=Body.STEERING_GROUP,
        meeting=meeting,
        title=f"Uitsluiting van {party} (art. 23.2)",
        text=breach,
        affects=[party],
        kind=Motion.Kind.EXCLUSION,
        exclusion=exclusion,
        ctx=ctx,
    )


def _decided(exclusion: Exclusion) -> bool:
    return exclusion.motions.filter(status=Motion.Status.DECIDED, result="adopted").exists()


@transaction.atomic
def exclusion_step_record(
    *,
    actor: Actor,
    exclusion: Exclusion,
    notice_of_default_on: date | None = None,
    heard_on: date | None = None,
    ctx: AuditContext | None = None,
) -> Exclusion:
    """Record the notice of default or the hearing of the party (Art. 23.2). Both must come
    before the Stuurgroep decides; that order is checked when the decision is recorded."""
    authorise(actor, GovAction.manage_exclusion)
    exclusion = Exclusion.objects.select_for_update().get(pk=exclusion.pk)
    problems = []
    if _decided(exclusion):
        problems.append("Over de uitsluiting is al besloten (art. 23.2).")
    if notice_of_default_on is None and heard_on is None:
        problems.append("Geef de datum van de ingebrekestelling of van het horen.")
    default_on = notice_of_default_on or exclusion.notice_of_default_on
    if heard_on is not None and (default_on is None or heard_on < default_on):
        problems.append("De partij wordt gehoord na de ingebrekestelling (art. 23.2).")
    if problems:
        raise GovernanceRefused(problems)
    fields = []
    if notice_of_default_on is not None:
        exclusion.notice_of_default_on = notice_of_default_on
        fields.append("notice_of_default_on")
    if heard_on is not None:
        exclusion.heard_on = heard_on
        fields.append("heard_on")
    exclusion.save(update_fields=fields)
    audit(
        ctx,
        actor,
        object_type="exclusion",
        object_id=exclusion.pk,
        action=AuditAction.UPDATE,
        purpose="Art. 23.2: ingebrekestelling of horen vastgelegd",
    )
    return exclusion
