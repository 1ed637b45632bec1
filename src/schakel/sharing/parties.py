"""Who takes part in a case, and why (issue #4 item 3: invitations are lawful, Art. 12.2e, 15.2).

Read side of the case page's "Betrokken partijen" panel and its confirmation page. The writes
are the case services `case_party_invite` and `case_party_remove` (cases.services.triage):
one place decides who may invite and remove, and a removal ends the party's access at once
because every case read filters on the active involvement (`cases.selectors`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from schakel.audit import record as audit
from schakel.audit.record import AuditContext
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.cases.selectors import relation_for
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.policy import CaseAction, decide
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.parties.models import Party

# The phases in which `case_party_invite` accepts an invitation (a conference or an MDO).
INVITE_PHASES = frozenset({Phase.preparation, Phase.case_conference, Phase.mdo, Phase.execution})
FIXED = frozenset({CaseRelationKind.referrer, CaseRelationKind.municipality})


def may_manage_parties(actor: Actor, case: Case) -> bool:
    """Process director or conference secretary who may change the case (buttons only; the
    services decide again)."""
    if not actor.has(Role.process_director, Role.conference_secretary):
        return False
    return decide(actor, relation_for(actor, case), CaseAction.update).allowed


def may_remove(actor: Actor, case: Case, row: CaseParty) -> bool:
    """Mirror of `case_party_remove`'s refusals, to show the button only where it works."""
    if row.relation in FIXED:
        return False
    if row.relation == CaseRelationKind.case_director and case.case_director_id is not None:
        return False
    return row.relation == CaseRelationKind.invited or actor.has(Role.process_director)


@dataclass
class PanelRow:
    row: CaseParty
    removable: bool


@dataclass
class Panel:
    rows: list[PanelRow]
    may_invite: bool


def party_panel(*, actor: Actor, case: Case, rows: list[CaseParty]) -> Panel:
    """The active involvements the case page already fetched, with what the actor may do."""
    manage = may_manage_parties(actor, case)
    return Panel(
        rows=[PanelRow(r, manage and may_remove(actor, case, r)) for r in rows],
        may_invite=manage and case.phase in INVITE_PHASES,
    )


def invitable_parties(*, case: Case) -> QuerySet[Party]:
    """Partners and municipalities not yet invited to the case (the house never is)."""
    invited = CaseParty.objects.filter(
        case=case, relation=CaseRelationKind.invited, removed_at__isnull=True
    ).values("party_id")
    return Party.objects.exclude(kind=PartyKind.house).exclude(pk__in=invited)


def case_for_parties(*, actor: Actor, ctx: AuditContext, case_id: int) -> Case | None:
    """The case, if the actor may manage its parties; otherwise None (404) and logged.

    No subject data is shown on these pages (number, parties, justifications), so no read
    event; the refusal is logged like any other."""
    case = Case.objects.filter(pk=case_id).prefetch_related("parties").first()
    if case is None or not may_manage_parties(actor, case):
        audit.access_denied(
            ctx, actor=actor, object_type="case", object_id=case_id, purpose="manage_parties"
        )
        return None
    return case


def involvement(*, case: Case, case_party_id: int) -> CaseParty | None:
    return (
        CaseParty.objects.select_related("party", "added_by")
        .filter(pk=case_party_id, case=case, removed_at__isnull=True)
        .first()
    )
