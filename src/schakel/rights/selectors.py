"""The only read path to the register of requests by subjects, and to the person behind them.

Only the information coordinator and the privacy officer read any of it
(`domain.subject_rights.may_handle_subject_requests`); a partner's delegate reads only the
rectifications routed to their own party. Whatever the actor may not see is ``None`` (404),
exactly like a missing record, and the attempt is logged as denied. Every read of personal
data writes one audit event per person row, with the person's pseudonym.

A *person* is every subject row that is the same human being: referrals create a new subject
row per case, so rows sharing a BSN are one person; without a BSN, rows with the same first
name, last name and date of birth (and no BSN) are. The lowest id is the person's *anchor*,
on which requests and the informing record hang, so two searches never split one person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.models import CaseSubject, Subject
from schakel.core.sql import compiled_once
from schakel.domain.actor import Actor
from schakel.domain.subject_rights import may_answer_rectification, may_handle_subject_requests
from schakel.rights.models import (
    Rectification,
    RectificationAnswer,
    RequestStatus,
    SubjectInforming,
    SubjectRequest,
)
from schakel.sharing.models import InformationItem

PURPOSE = "AVG Art. 12-21 verzoek betrokkene"
PURPOSE_FIND = "AVG Art. 12 betrokkene zoeken voor verzoek"
PURPOSE_RECTIFICATION = "AVG Art. 16; Art. 12.2f rectificatie door verstrekkende partij"
MAX_FOUND = 20


# --------------------------------------------------------------------------- persons


def same_person_q(subject: Subject) -> Q:
    """The subject rows that are the same person as `subject` (see the module docstring)."""
    if subject.bsn:
        return Q(bsn=subject.bsn)
    return Q(
        bsn="",
        first_name__iexact=subject.first_name,
        last_name__iexact=subject.last_name,
        date_of_birth=subject.date_of_birth,
    )


def person_rows(subject: Subject) -> list[Subject]:
    """Every row of the person, anchor (lowest id) first."""
    return list(Subject.objects.filter(same_person_q(subject)).order_by("id"))


@dataclass
class Person:
    anchor: Subject
    rows: list[Subject]

    @property
    def pseudonyms(self) -> list[str]:
        return [subject_pseudonym(row.pk) for row in self.rows]

    @property
    def subject_ids(self) -> list[int]:
        return [row.pk for row in self.rows]


def _log_person(ctx: AuditContext, actor: Actor, person: Person, what: str, purpose: str) -> None:
    for row in person.rows:
        audit.record_read(
            ctx,
            actor=actor,
            object_type=what,
            object_id=person.anchor.pk,
            purpose=purpose,
            subject_pseudonym=subject_pseudonym(row.pk),
        )


def _denied(ctx: AuditContext, actor: Actor, what: str, object_id: str | int) -> None:
    audit.access_denied(ctx, actor=actor, object_type=what, object_id=object_id, purpose="read")


def person_find(
    *,
    actor: Actor,
    ctx: AuditContext,
    bsn: str = "",
    last_name: str = "",
    date_of_birth: date | None = None,
) -> list[Person] | None:
    """Find a person by BSN, or by last name and date of birth; each person found is a read."""
    if not may_handle_subject_requests(actor):
        _denied(ctx, actor, "subject_search", "find")
        return None
    if bsn:
        qs = Subject.objects.filter(bsn=bsn.strip())
    elif last_name and date_of_birth:
        qs = Subject.objects.filter(
            last_name__iexact=last_name.strip(), date_of_birth=date_of_birth
        )
    else:
        return []
    persons: dict[int, Person] = {}
    for subject in qs.order_by("id")[:MAX_FOUND]:
        rows = person_rows(subject)
        persons.setdefault(rows[0].pk, Person(anchor=rows[0], rows=rows))
    found = list(persons.values())
    for person in found:
        _log_person(ctx, actor, person, "subject", PURPOSE_FIND)
    return found


def _person(subject_id: int) -> Person | None:
    subject = Subject.objects.filter(pk=subject_id).first()
    if subject is None:
        return None
    rows = person_rows(subject)
    return Person(anchor=rows[0], rows=rows)


def person_for_write(*, actor: Actor, subject_id: int) -> Person | None:
    """The person, for a service that already checked the actor (no read event: the write is
    audited instead)."""
    return _person(subject_id) if may_handle_subject_requests(actor) else None


@dataclass
class PersonView:
    person: Person
    links: list[CaseSubject]
    requests: list[SubjectRequest]
    informing: SubjectInforming | None
    pseudonym: str  # the anchor's, for the privacy officer's access log page
    rectifiable_items: list[InformationItem] = field(default_factory=list)


def person_links(person: Person) -> list[CaseSubject]:
    return list(
        CaseSubject.objects.filter(subject_id__in=person.subject_ids)
        .select_related("case", "subject")
        .order_by("case__created_at", "id")
    )


def person_get_for(*, actor: Actor, ctx: AuditContext, subject_id: int) -> PersonView | None:
    """The person page: identity, cases, requests and informing status."""
    person = _person(subject_id) if may_handle_subject_requests(actor) else None
    if person is None:
        _denied(ctx, actor, "subject", subject_id)
        return None
    _log_person(ctx, actor, person, "subject", PURPOSE)
    return PersonView(
        person=person,
        links=person_links(person),
        requests=list(
            SubjectRequest.objects.filter(subject=person.anchor).order_by("-received_on", "-id")
        ),
        informing=SubjectInforming.objects.filter(subject=person.anchor).first(),
        pseudonym=subject_pseudonym(person.anchor.pk),
    )


def person_items(person: Person) -> QuerySet[InformationItem]:
    """Every information item in the person's cases (for routing a rectification)."""
    case_ids = CaseSubject.objects.filter(subject_id__in=person.subject_ids).values("case_id")
    return (
        InformationItem.objects.filter(case_id__in=case_ids)
        .select_related("case", "providing_party")
        .order_by("case_id", "providing_party__name", "-created_at", "-id")
    )


# --------------------------------------------------------------------------- the register


@dataclass(frozen=True)
class RequestFilters:
    status: str = ""  # "", "open" or a RequestStatus value
    kind: str = ""


@dataclass
class RequestPage:
    rows: list[SubjectRequest]
    next_after: int | None


def request_list_for(
    *,
    actor: Actor,
    ctx: AuditContext,
    filters: RequestFilters,
    after: int | None = None,
    limit: int = 50,
) -> RequestPage | None:
    """The register, earliest deadline first (the extended one where there is one); keyset
    pagination on (deadline, id) through the request id of the last row. One read per page."""
    if not may_handle_subject_requests(actor):
        _denied(ctx, actor, "subject_request_list", "list")
        return None
    qs = SubjectRequest.objects.annotate(due=Coalesce("extended_deadline", "deadline"))
    if filters.status == "open":
        qs = qs.exclude(status=RequestStatus.completed)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if after is not None:
        last = qs.filter(pk=after).values_list("due", flat=True).first()
        if last is not None:
            qs = qs.filter(Q(due__gt=last) | Q(due=last, pk__gt=after))
    rows: list[SubjectRequest] = list(
        qs.select_related("subject").order_by("due", "id")[: limit + 1]
    )
    next_after = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_after = rows[-1].pk
    if rows:
        audit.record_read(
            ctx,
            actor=actor,
            object_type="subject_request_list",
            object_id=f"{rows[0].pk}-{rows[-1].pk}",
            purpose=PURPOSE,
        )
    return RequestPage(rows=rows, next_after=next_after)


def requests_due(*, actor: Actor, until: date, limit: int = 10) -> list[SubjectRequest]:
    """Open requests due on or before `until`, earliest first, for "Mijn werk" (no names are
    shown there, so no read event)."""
    if not may_handle_subject_requests(actor):
        return []
    qs = SubjectRequest.objects.exclude(status=RequestStatus.completed).annotate(
        due=Coalesce("extended_deadline", "deadline")
    )
    return list(qs.filter(due__lte=until).order_by("due", "id")[:limit])


def rectifications_waiting(*, actor: Actor) -> int:
    """How many correction requests wait for the actor's party (for "Mijn werk")."""
    if not may_answer_rectification(actor, providing_party_id=actor.party_id):
        return 0
    return Rectification.objects.filter(
        party_id=actor.party_id, answer=RectificationAnswer.pending
    ).count()


@dataclass
class RequestView:
    request: SubjectRequest
    person: Person
    rectifications: list[Rectification]
    items: list[InformationItem]


def request_get_for(*, actor: Actor, ctx: AuditContext, request_id: int) -> RequestView | None:
    """One request with its notes and rectifications (a read of the person)."""
    request = (
        SubjectRequest.objects.select_related("subject", "recorded_by", "decided_by")
        .prefetch_related("notes__written_by")
        .filter(pk=request_id)
        .first()
        if may_handle_subject_requests(actor)
        else None
    )
    if request is None:
        _denied(ctx, actor, "subject_request", request_id)
        return None
    rows = person_rows(request.subject)
    person = Person(anchor=rows[0], rows=rows)
    for row in rows:
        audit.record_read(
            ctx,
            actor=actor,
            object_type="subject_request",
            object_id=request.pk,
            purpose=PURPOSE,
            subject_pseudonym=subject_pseudonym(row.pk),
        )
    return RequestView(
        request=request,
        person=person,
        rectifications=list(
            request.rectifications.select_related("item__case", "party", "answered_by")
        ),
        items=list(person_items(person)),
    )


def request_person_for_form(*, actor: Actor, request_id: int) -> Person | None:
    """The person of a request, to build a form the service then checks (no read event)."""
    if not may_handle_subject_requests(actor):
        return None
    request = SubjectRequest.objects.filter(pk=request_id).select_related("subject").first()
    if request is None:
        return None
    rows = person_rows(request.subject)
    return Person(anchor=rows[0], rows=rows)


# --------------------------------------------------------------------------- rectifications


def _rectification_qs() -> QuerySet[Rectification]:
    return Rectification.objects.select_related(
        "item__case", "party", "request__subject", "answered_by"
    )


def rectifications_for_party(*, actor: Actor) -> list[Rectification] | None:
    """The rectifications routed to the actor's party, waiting ones first (titles and case
    numbers only: no personal data, so no read event). ``None`` for whoever answers none."""
    if not may_answer_rectification(actor, providing_party_id=actor.party_id):
        return None
    rows = list(_rectification_qs().filter(party_id=actor.party_id).order_by("-id")[:200])
    return sorted(rows, key=lambda r: r.answer != RectificationAnswer.pending)


def rectification_get_for(
    *, actor: Actor, ctx: AuditContext, rectification_id: int
) -> Rectification | None:
    """One rectification for the providing party: what is asked of them (a read)."""
    row = _rectification_qs().filter(pk=rectification_id).first()
    if row is None or not may_answer_rectification(actor, providing_party_id=row.party_id):
        _denied(ctx, actor, "rectification", rectification_id)
        return None
    audit.record_read(
        ctx,
        actor=actor,
        object_type="rectification",
        object_id=row.pk,
        purpose=PURPOSE_RECTIFICATION,
        subject_pseudonym=subject_pseudonym(row.request.subject_id),
    )
    return row


# How long a process keeps whether a party has rectifications to see (the menu item).
RECTIFICATIONS_FRESH_SECONDS = 60


def _rectifications_key(party_id: int | None) -> str:
    return f"schakel:rectifications_seen:{party_id}"


def may_see_rectifications(actor: Actor) -> bool:
    """For the menu: does the actor's party have any rectification to see? Kept a minute per
    party in the process's own cache (settings.CACHES: local memory, never shared): the menu is
    on every page a case worker opens, and its query was ~2 % of the app's CPU under load
    (issue #9, docs/performance.md 2026-12-08). Routing a rectification drops the answer for
    its parties in the process that routed it once committed (`forget_rectifications_seen`); other
    processes show the menu item within the minute. The list behind it reads the rows."""
    if not may_answer_rectification(actor, providing_party_id=actor.party_id):
        return False
    return bool(
        cache.get_or_set(
            _rectifications_key(actor.party_id),
            lambda: bool(_one_rectification_of(actor.party_id)),
            RECTIFICATIONS_FRESH_SECONDS,
        )
    )


def forget_rectifications_seen(party_ids: Iterable[int]) -> None:
    """`may_see_rectifications` asks the database again for these parties (in this process)."""
    cache.delete_many([_rectifications_key(pk) for pk in party_ids])


@compiled_once
def _one_rectification_of(party_id: int) -> QuerySet[Rectification]:
    # On every page a case worker opens (the menu): compiled once (`core.sql`).
    return Rectification.objects.filter(party_id=party_id).order_by().only("id")[:1]
