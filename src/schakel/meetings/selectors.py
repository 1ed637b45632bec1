"""The only read path to meetings, agenda items and minutes.

Item visibility is `domain.meetings_policy.decide_meeting_item`; `item_visibility_q` is the same
rule as a queryset filter. A meeting or item the actor may not see is ``None``, exactly like a
missing one, and the attempt is logged as denied. The agenda page is fetched in a constant
number of queries however many items it has (tests/meetings/test_meeting_queries.py).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.models import Case, CaseSubject
from schakel.cases.selectors import case_visibility_q
from schakel.domain.actor import Actor
from schakel.domain.meetings_policy import (
    MeetingAction,
    MeetingItemFacts,
    decide_meeting_item,
    may_open_meetings,
    may_plan_meetings,
    sees_whole_agenda,
)
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.meetings.models import (
    AgendaItem,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
)
from schakel.parties.models import Party

PURPOSE_AGENDA = "Art. 12.2c-e agenda casustafel"
PURPOSE_ITEM = "Art. 8.3, 9.1 bespreking casustafel"
PURPOSE_MINUTES = "Art. 15.2 verslag casustafel"

CONFERENCE_PHASES = (Phase.preparation, Phase.case_conference, Phase.execution)
"""Cases a regional table can discuss: new ones from triage and ones to monitor (Fase 2-4a)."""


def _active_invitations() -> QuerySet[Invitation]:
    return Invitation.objects.filter(removed_at__isnull=True)


def item_visibility_q(actor: Actor) -> Q:
    """`decide_meeting_item(actor, facts, read_item)` as a filter on AgendaItem."""
    if not may_open_meetings(actor):
        return Q(pk__in=[])
    if actor.has(Role.conference_secretary):
        return Q()
    seen = Q(pk__in=[])
    if actor.has(Role.process_director):
        seen |= Q(meeting__chair_id=actor.user_id) | Q(case__process_director_id=actor.user_id)
    if actor.has(Role.partner_delegate):
        seen |= Q(
            Exists(_active_invitations().filter(item=OuterRef("pk"), party_id=actor.party_id))
        )
    return seen


def item_facts(actor: Actor, item: AgendaItem) -> MeetingItemFacts:
    invited = _active_invitations().filter(item=item, party_id=actor.party_id).exists()
    return MeetingItemFacts(
        is_chair=item.meeting.chair_id == actor.user_id,
        directs_case=item.case.process_director_id == actor.user_id,
        party_invited=invited,
    )


def may_plan(actor: Actor) -> bool:
    return may_plan_meetings(actor)


def may_manage(actor: Actor, meeting: Meeting) -> bool:
    """The secretary, or the chair of this meeting."""
    facts = MeetingItemFacts(is_chair=meeting.chair_id == actor.user_id)
    return decide_meeting_item(actor, facts, MeetingAction.manage).allowed


def minutes_of(item: AgendaItem) -> Minutes | None:
    try:
        return item.minutes
    except Minutes.DoesNotExist:
        return None


# --------------------------------------------------------------------------- the agenda


@dataclass
class ItemRow:
    item: AgendaItem
    invitations: list[Invitation]
    minutes: Minutes | None


@dataclass
class MeetingPage:
    meeting: Meeting
    rows: list[ItemRow]
    staff: bool
    party_ids: set[int] = field(default_factory=set)  # parties invited for a visible item


def _items(meeting: Meeting, actor: Actor) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(item_visibility_q(actor), meeting=meeting)
        .select_related("case", "minutes", "decided_by")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=_active_invitations().select_related("party"),
                to_attr="active_invitations",
            )
        )
    )


def meeting_get_for(*, actor: Actor, ctx: AuditContext, meeting_id: int) -> MeetingPage | None:
    """The meeting with the agenda items the actor may see (all for house staff, the invited
    ones for a delegate); ``None`` when the actor may see none of it. One read event for the
    agenda (it names the cases and what the table is asked about them)."""
    meeting = Meeting.objects.select_related("chair", "secretary").filter(pk=meeting_id).first()
    staff = meeting is not None and sees_whole_agenda(
        actor, is_chair=meeting.chair_id == actor.user_id
    )
    items = _items(meeting, actor) if meeting is not None and may_open_meetings(actor) else []
    if meeting is None or not (staff or items):
        audit.access_denied(
            ctx, actor=actor, object_type="meeting", object_id=meeting_id, purpose="read"
        )
        return None
    audit.record_read(
        ctx, actor=actor, object_type="meeting_agenda", object_id=meeting.pk, purpose=PURPOSE_AGENDA
    )
    rows = [ItemRow(i, list(getattr(i, "active_invitations", [])), minutes_of(i)) for i in items]
    return MeetingPage(
        meeting=meeting,
        rows=rows,
        staff=staff,
        party_ids={inv.party_id for row in rows for inv in row.invitations},
    )


def meeting_for_calendar(*, actor: Actor, ctx: AuditContext, meeting_id: int) -> Meeting | None:
    """The meeting, for its .ics: house staff, or a party invited for one of its items. The
    file holds no personal data, so no read event; a refusal is logged."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    visible = meeting is not None and (
        sees_whole_agenda(actor, is_chair=meeting.chair_id == actor.user_id)
        or AgendaItem.objects.filter(item_visibility_q(actor), meeting=meeting).exists()
    )
    if meeting is None or not visible:
        audit.access_denied(
            ctx, actor=actor, object_type="meeting", object_id=meeting_id, purpose="calendar"
        )
        return None
    return meeting


def item_get_for(
    *, actor: Actor, ctx: AuditContext, meeting_id: int, item_id: int, purpose: str = PURPOSE_ITEM
) -> AgendaItem | None:
    """One agenda item (with its case, minutes and active invitations) if the actor may see it;
    one read event per subject of the case."""
    item = (
        AgendaItem.objects.filter(pk=item_id, meeting_id=meeting_id)
        .select_related("meeting", "meeting__chair", "meeting__secretary", "case", "minutes")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=_active_invitations().select_related("party"),
                to_attr="active_invitations",
            ),
            Prefetch("case__case_subjects", queryset=CaseSubject.objects.all()),
        )
        .first()
    )
    facts = item_facts(actor, item) if item is not None else None
    if (
        item is None
        or facts is None
        or not decide_meeting_item(actor, facts, MeetingAction.read_item).allowed
    ):
        audit.access_denied(
            ctx, actor=actor, object_type="agenda_item", object_id=item_id, purpose="read"
        )
        return None
    audit.record_reads(
        ctx,
        actor=actor,
        object_type="agenda_item",
        object_id=item.pk,
        purpose=purpose,
        subject_pseudonyms=[
            subject_pseudonym(link.subject_id) for link in item.case.case_subjects.all()
        ],
    )
    return item


# --------------------------------------------------------------------------- lists


# The board counts the waiting cases up to this many and says "more than" beyond: a count over
# the whole house read ~32,000 cases at 1,000,000 (17 ms, on every board; issue #9), and past a
# thousand the exact number plans nothing (SCREENS.md: never a total count over huge tables).
WAITING_COUNT_CAP = 1000


@dataclass
class Board:
    upcoming: Sequence[Meeting]
    waiting: list[Case]
    waiting_count: int  # the waiting cases, at most WAITING_COUNT_CAP; `waiting` the oldest
    waiting_count_capped: bool = False  # more than WAITING_COUNT_CAP are waiting


def _today_start() -> datetime:
    return datetime.combine(timezone.localdate(), time.min, timezone.get_current_timezone())


def board_for(*, actor: Actor, limit: int = 50) -> Board | None:
    """The planning board: upcoming meetings, and cases waiting for a table (in preparation,
    or back at the table, and on no planned agenda) that the actor may see. Numbers only."""
    if not may_plan(actor):
        return None
    upcoming = list(
        Meeting.objects.filter(status=MeetingStatus.planned, ends_at__gte=_today_start())
        .select_related("chair")
        .annotate(item_count=Count("items"))[:limit]
    )
    planned = AgendaItem.objects.filter(case=OuterRef("pk"), meeting__status=MeetingStatus.planned)
    visible = case_visibility_q(actor, grants_read_first=True)  # per phase: see _director_q
    unplanned = Case.objects.filter(visible).filter(~Exists(planned))
    phases = [Phase.preparation.value, Phase.case_conference.value]
    # Longest waiting first, one ordered walk of `case_phase` per phase, merged here:
    # PostgreSQL 15 cannot keep index order over an IN list, and walked the whole house from
    # its oldest change instead (1 s at 1,000,000 cases against 8 ms per phase, issue #9).
    per_phase = [
        list(unplanned.filter(phase=phase).order_by("updated_at", "id")[:limit]) for phase in phases
    ]
    waiting = list(heapq.merge(*per_phase, key=lambda case: (case.updated_at, case.pk)))[:limit]
    complete = all(len(rows) < limit for rows in per_phase)  # each phase read in full
    count = (
        sum(len(rows) for rows in per_phase)
        if complete
        # Unordered: the model's order would sort every waiting case before the LIMIT.
        else unplanned.filter(phase__in=phases).order_by()[: WAITING_COUNT_CAP + 1].count()
    )
    return Board(
        upcoming=upcoming,
        waiting=waiting,
        waiting_count=min(count, WAITING_COUNT_CAP),
        waiting_count_capped=count > WAITING_COUNT_CAP,
    )


@dataclass
class MyMeeting:
    meeting: Meeting
    items: list[AgendaItem]


def my_meetings_for(*, actor: Actor, limit: int = 50) -> list[MyMeeting]:
    """ "Mijn overleggen": the meetings the actor's party is invited to, with only its items
    (case numbers and positions, no content: no read event), upcoming first."""
    if not may_open_meetings(actor):
        return []
    items = list(
        AgendaItem.objects.filter(item_visibility_q(actor))
        .filter(meeting__ends_at__gte=_today_start() - timedelta(days=60))
        .select_related("meeting", "case")
        .order_by("meeting__starts_at", "meeting_id", "position")[: limit * 5]
    )
    grouped: dict[int, MyMeeting] = {}
    for item in items:
        grouped.setdefault(item.meeting_id, MyMeeting(item.meeting, [])).items.append(item)
    return list(grouped.values())[:limit]


# --------------------------------------------------------------------------- choices


def agenda_candidates(*, actor: Actor, meeting: Meeting) -> QuerySet[Case]:
    """Cases the actor may put on this agenda (the service checks again)."""
    phases = (
        [Phase.mdo.value]
        if meeting.kind == MeetingKind.mdo
        else [phase.value for phase in CONFERENCE_PHASES]
    )
    return (
        Case.objects.filter(case_visibility_q(actor), phase__in=phases)
        .exclude(agenda_items__meeting=meeting)
        .order_by("number")
    )


def invitable_parties() -> QuerySet[Party]:
    return Party.objects.exclude(kind=PartyKind.house).order_by("name")


def people_with_role(role: Role) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, role_assignments__role=role.value)
        .select_related("party")
        .order_by("last_name", "first_name")
    )


def agenda_items_of_cases_for_export(*, case_ids: list[int]) -> dict[int, list[AgendaItem]]:
    """Every agenda item about these cases with its meeting and minutes, oldest meeting first,
    per case. No policy filter: only the subject's access export (rights.export, authorised and
    logged there, AVG Art. 15) calls this."""
    items = (
        AgendaItem.objects.filter(case_id__in=case_ids)
        .select_related("meeting", "minutes")
        .order_by("meeting__starts_at", "id")
    )
    per_case: dict[int, list[AgendaItem]] = {pk: [] for pk in case_ids}
    for item in items:
        per_case[item.case_id].append(item)
    return per_case
