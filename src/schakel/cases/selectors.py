"""The only read path to cases (ARCHITECTURE rule 2).

Visibility is `domain.policy.decide`; `case_visibility_q` is the same rule as a queryset filter
(tests/cases/test_policy_agreement.py checks that they agree). A case the actor may not see is
``None``, exactly like a missing one, and the attempt is logged as denied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases import row_selectors
from schakel.cases.models import (
    ActionPlan,
    ActionStatus,
    Case,
    CaseEvent,
    CaseParty,
    CaseRelationKind,
    CaseSubject,
    Consultation,
    PhaseTransition,
    PlanAction,
    ProgressNote,
    TriageAssessment,
)
from schakel.core.sql import Refs, attach_refs
from schakel.domain.actor import Actor
from schakel.domain.policy import (
    HOUSE_WIDE_ROLES,
    INTAKE_PHASES,
    CaseAction,
    CaseRelation,
    decide,
    may_see_cases_at_all,
)
from schakel.domain.roles import ActorRole, CaseRole, Role
from schakel.domain.workflow import FINAL_PHASES, Phase
from schakel.parties.models import Party

PURPOSE_LIST = "Art. 12 overzicht casussen"
PURPOSE_BY_PHASE: dict[str, str] = {
    Phase.referral: "Art. 1.7 aanmelding",
    Phase.triage: "Art. 12.2a triage",
    Phase.preparation: "Art. 12.2c-e voorbereiding casustafel",
    Phase.case_conference: "Art. 8.3 casustafel",
    Phase.mdo: "Art. 8.4 plan van aanpak",
    Phase.execution: "Art. 13 uitvoering plan van aanpak",
    Phase.closure: "Art. 1.12 afschaling",
    Phase.closed: "Art. 1.12 afgesloten dossier",
    Phase.not_admitted: "Art. 12.2a niet toegelaten",
}

_ACTIVE = Q(removed_at__isnull=True)
PURPOSE_BREAK_THE_GLASS = "break_the_glass"


# --------------------------------------------------------------------------- access


def active_grant_case_ids(actor: Actor, *, now: datetime | None = None) -> QuerySet[Any]:
    """The case ids of the actor's running break-the-glass grants (sharing.EmergencyAccess),
    running at `now` (the clock when None; a `core.statements.per_shape` query passes it, so
    that the moment is a parameter and not part of the stored statement)."""
    from schakel.sharing.models import EmergencyAccess  # sharing builds on cases, not v.v.

    return EmergencyAccess.objects.filter(
        user_id=actor.user_id, expires_at__gt=now or timezone.now(), ended_at__isnull=True
    ).values("case_id")


def _director_q(actor: Actor, *, grants_read_first: bool = False, now: datetime | None = None) -> Q:
    """A process director: the cases they direct, the unassigned intake queue, their grants.

    Three indexed conditions on Case itself (case_pd, case_phase, the primary key), so the
    planner walks the keyset index with them; no per-row subquery. With `grants_read_first`
    the (few) grant ids are read in a query of their own: as a subquery they are a hashed
    SubPlan, which PostgreSQL cannot combine with the other two in a BitmapOr, so a read
    within one phase (the planning board) scanned every case in it (20-45 ms at 1,000,000
    cases; 0.5 ms with the ids as a list, issue #9)."""
    grants: Any = active_grant_case_ids(actor, now=now)
    if grants_read_first:
        grants = [row["case_id"] for row in grants]
    return (
        Q(process_director_id=actor.user_id)
        | Q(process_director__isnull=True, phase__in=[p.value for p in INTAKE_PHASES])
        | Q(pk__in=grants)
    )


def _party_q(actor: Actor) -> Q:
    """A partner delegate: one indexed EXISTS on the party's active involvements.

    The case director needs no OR on `case_director_id`: their party always holds an active
    `case_director` involvement (cases.services.plan.case_director_assign adds it and
    case_party_remove refuses to end it), and `relation_for` counts the case director only
    through that row (issue #9: the OR made PostgreSQL scan the whole case table)."""
    return Q(
        Exists(CaseParty.objects.filter(_ACTIVE, case=OuterRef("pk"), party_id=actor.party_id))
    )


def sees_own_party_only(actor: Actor) -> bool:
    """Is `case_visibility_q` for this actor `_party_q` alone (a delegate, not also a process
    director or a house-wide role)? Then the name-search keys (`SearchKey`) hold their view."""
    return actor.has(Role.partner_delegate) and not actor.has(
        Role.process_director, *HOUSE_WIDE_ROLES
    )


def case_visibility_q(
    actor: Actor, *, grants_read_first: bool = False, now: datetime | None = None
) -> Q:
    """`decide(actor, relation, read)` as a filter on Case: the one place lists are limited.
    `grants_read_first`: see `_director_q` (one query more, for reads within one phase).
    `now`: the moment break-the-glass grants must still run at (the clock when None)."""
    nothing = Q(pk__in=[])
    if not may_see_cases_at_all(actor):
        return nothing
    if actor.has(*HOUSE_WIDE_ROLES):
        return Q()
    parts = []
    if actor.has(Role.process_director):
        parts.append(_director_q(actor, grants_read_first=grants_read_first, now=now))
    if actor.has(Role.partner_delegate):
        parts.append(_party_q(actor))
    if not parts:
        return nothing
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def has_emergency_access(actor: Actor, case_id: int) -> bool:
    """True when the actor holds a running break-the-glass grant for the case."""
    if not actor.has(Role.process_director):
        return False
    return active_grant_case_ids(actor).filter(case_id=case_id).exists()


def case_visible_to(actor: Actor, case_id: int) -> bool:
    """May the actor still read this case? (No personal data read, so no audit event.)"""
    return Case.objects.filter(case_visibility_q(actor), pk=case_id).exists()


def relation_for(actor: Actor, case: Case) -> CaseRelation:
    """The actor's relation to one case, from its active CaseParty rows (prefetched or not).

    Only for a process director who neither directs the case nor finds it in the intake queue
    does this ask the database whether a break-the-glass grant is running."""
    relations = {
        row.relation
        for row in case.parties.all()
        if row.party_id == actor.party_id and row.removed_at is None
    }
    is_pd = case.process_director_id == actor.user_id
    intake = case.process_director_id is None and case.phase in INTAKE_PHASES
    return CaseRelation(
        party_is_referrer=CaseRelationKind.referrer in relations,
        party_is_municipality=CaseRelationKind.municipality in relations,
        party_is_consulted=CaseRelationKind.consulted in relations,
        party_is_invited=CaseRelationKind.invited in relations,
        party_is_case_director_party=CaseRelationKind.case_director in relations,
        is_process_director=is_pd,
        # The case director acts for their party (Art. 13.1): through its involvement.
        is_case_director=(
            case.case_director_id == actor.user_id and CaseRelationKind.case_director in relations
        ),
        closed=case.phase in FINAL_PHASES,
        unassigned_intake=intake,
        emergency_access=(
            not is_pd
            and not intake
            and case.pk is not None
            and has_emergency_access(actor, case.pk)
        ),
    )


def actor_roles_for(actor: Actor, case: Case) -> set[ActorRole]:
    """House roles plus the actor's roles for this case (what the workflow table names)."""
    roles: set[ActorRole] = set(actor.roles)
    if case.process_director_id == actor.user_id:
        roles.add(CaseRole.case_process_director)
    if case.case_director_id == actor.user_id:
        roles.add(CaseRole.case_director)
    if case.referring_party_id == actor.party_id:
        roles.add(CaseRole.referrer)
    return roles


def may(actor: Actor, case: Case, action: CaseAction) -> bool:
    return decide(actor, relation_for(actor, case), action).allowed


def _attach_users(*groups: Refs) -> list[User]:
    """The people a case page names, in one query; the users found, for `_attach_parties`
    to name their parties with the rest (joined, the party cost its own compiling)."""
    return attach_refs(User, *groups)


def _attach_parties(*groups: Refs) -> None:
    """The parties a case page names (informing, hand-over, consulted, owning an action,
    acting in a transition) in one query: a house has a few dozen parties, and the same few
    were joined to three lists and prefetched twice (issue #9)."""
    attach_refs(Party, *groups)


def _case_read(
    *, actor: Actor, case_id: int, ctx: AuditContext, purpose: str | None
) -> Case | None:
    """The case, if the actor may read it, with its read events written; its people not yet."""
    case = row_selectors.case_with_links(case_id)
    verdict = decide(actor, relation_for(actor, case), CaseAction.read) if case else None
    if case is None or verdict is None or not verdict.allowed:
        audit.access_denied(
            ctx, actor=actor, object_type="case", object_id=case_id, purpose="case_read"
        )
        return None
    # Every read under a break-the-glass grant carries that ground (issue #4 item 5).
    if verdict.reason == "break_the_glass":
        reason = PURPOSE_BREAK_THE_GLASS
    else:
        reason = purpose or PURPOSE_BY_PHASE[case.phase]
    audit.record_reads(
        ctx,
        actor=actor,
        object_type="case",
        object_id=case.pk,
        purpose=reason,
        subject_pseudonyms=[
            subject_pseudonym(link.subject_id) for link in case.case_subjects.all()
        ],
    )
    return case


# The people of the case row itself: the referrer's delegate, both directors.
_CASE_PEOPLE = ("referred_by", "process_director", "case_director")
# The parties the case row names.
_CASE_PARTIES = ("municipality", "referring_party", "informer_party", "handover_party")


def case_get_for(
    *, actor: Actor, case_id: int, ctx: AuditContext, purpose: str | None = None
) -> Case | None:
    """The case with its subjects, if the actor may read it; one read event per subject."""
    case = _case_read(actor=actor, case_id=case_id, ctx=ctx, purpose=purpose)
    if case is not None:
        # Its people in one query, its parties and the involved parties in another.
        people = _attach_users(*(([case], name) for name in _CASE_PEOPLE))
        _attach_parties(
            *(([case], name) for name in _CASE_PARTIES),
            (list(case.parties.all()), "party"),
            (people, "party"),
        )
    return case


def case_view_for(*, actor: Actor, case_id: int, ctx: AuditContext) -> CaseView | None:
    """`case_get_for` and `case_view` together, as the case page and the API detail want them:
    the case's own people come in `case_view`'s one query for everyone it names (issue #9)."""
    case = _case_read(actor=actor, case_id=case_id, ctx=ctx, purpose=None)
    return None if case is None else case_view(case=case)


# --------------------------------------------------------------------------- the case page


@dataclass
class CaseView:
    """Everything the case page and the API detail show, fetched in a bounded set of queries."""

    case: Case
    subjects: list[CaseSubject]
    parties: list[CaseParty]
    assessments: list[TriageAssessment]
    consultations: list[Consultation]
    plan: ActionPlan | None
    plans: list[ActionPlan]
    actions: list[PlanAction]
    notes: list[ProgressNote]
    transitions: list[PhaseTransition]
    events: list[CaseEvent]
    today: date = field(default_factory=timezone.localdate)

    @property
    def overdue(self) -> list[PlanAction]:
        return [a for a in self.actions if _is_overdue(a, self.today)]


def _is_overdue(action: PlanAction, today: date) -> bool:
    return action.status in (ActionStatus.open, ActionStatus.in_progress) and action.due_on < today


def case_view(*, case: Case) -> CaseView:
    """The related rows of a case the caller already got through `case_get_for`. The people
    they and the case name come in one query (`_attach_users`): joined to each of six lists
    they cost ~0.4 ms of Python per list for the same few people (issue #9)."""
    plans = row_selectors.plans_of(case.pk)
    consultations = row_selectors.consultations_of(case.pk)
    actions = row_selectors.actions_of(case.pk)
    notes = row_selectors.notes_of(case.pk)
    transitions = row_selectors.transitions_of(case.pk)
    events = row_selectors.events_of(case.pk)
    people = _attach_users(
        *(([case], name) for name in _CASE_PEOPLE),
        (plans, "changed_by"), (consultations, "answered_by"), (actions, "owner"),
        (notes, "written_by"), (transitions, "actor"), (events, "actor"),
    )  # fmt: skip
    _attach_parties(
        *(([case], name) for name in _CASE_PARTIES),
        (consultations, "party"), (actions, "owning_party"), (transitions, "actor_party"),
        (list(case.parties.all()), "party"), (people, "party"),
    )  # fmt: skip
    return CaseView(
        case=case,
        subjects=list(case.case_subjects.all()),
        parties=[p for p in case.parties.all() if p.removed_at is None],
        assessments=row_selectors.assessments_of(case.pk),
        consultations=consultations,
        plan=plans[0] if plans else None,
        plans=plans,
        actions=actions,
        notes=notes,
        transitions=transitions,
        events=events,
    )
