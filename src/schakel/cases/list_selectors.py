"""The case list: one keyset page of the cases an actor may see, as plain rows.

Part of the cases selectors (the only read path), kept apart because the list is the hottest
read of the house (issue #9): its page is read with `values_list` — no model instances for the
case, its three parties/people and its subjects — and the subjects in one more query."""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone

from schakel.accounts.selectors import user_refs
from schakel.audit import record as audit
from schakel.audit.record import AuditContext
from schakel.cases.models import Case, CaseSubject, SearchKey
from schakel.cases.selectors import PURPOSE_LIST, case_visibility_q, sees_own_party_only
from schakel.core.statements import distinct_ids, per_shape
from schakel.domain.actor import Actor
from schakel.domain.policy import HOUSE_WIDE_ROLES
from schakel.parties.selectors import party_refs


@dataclass(frozen=True)
class CaseFilters:
    phase: str | None = None
    target_group: str | None = None
    municipality_id: int | None = None
    referring_party_id: int | None = None
    process_director_id: int | None = None
    mine: bool = False  # cases I direct (process or case director)
    last_name: str | None = None
    date_of_birth: date | None = None


@dataclass(frozen=True)
class SubjectName:
    first_name: str
    last_name: str
    date_of_birth: date


@dataclass(frozen=True)
class PartyRef:
    slug: str
    name: str


@dataclass(frozen=True)
class PersonRef:
    username: str
    full_name: str


@dataclass(frozen=True)
class CaseSummary:
    """What a list shows of one case: no personal data beyond the subjects' names."""

    id: int
    number: str
    phase: str
    target_group: str
    updated_at: datetime
    version: int
    municipality: PartyRef
    referring_party: PartyRef
    process_director: PersonRef | None
    subjects: list[SubjectName] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class CasePage:
    items: list[CaseSummary]
    next_cursor: str | None


def encode_cursor(updated_at: datetime, pk: int) -> str:
    """The position after a row: its last change and its id (a search by name, ordered by id,
    goes on after the id alone: `by_newest_case`)."""
    raw = json.dumps([updated_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The position in the list, or None when the cursor is not one we made."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        stamp, pk = json.loads(raw)
        moment = datetime.fromisoformat(stamp)
        if not isinstance(pk, int) or moment.tzinfo is None:
            return None
        return moment, pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None


def _keyed_by_name(actor: Actor, last_name: str) -> QuerySet[SearchKey, Any]:
    """The cases of the actor's party with a subject of that last name: one index range of the
    search keys instead of ~7,000 involvement checks for a common name (issue #9). The keys
    answer for the name (checking each subject's name again was half of the search's time at
    1,000,000 cases); the policy filter still decides what the actor may see, so a stale key
    can at worst hide a case, or find one the actor sees anyway, until
    `manage.py search_keys --rebuild`."""
    return SearchKey.objects.filter(party_id=actor.party_id, name=Upper(Value(last_name))).values(
        "case_id"
    )


def _filtered(actor: Actor, filters: CaseFilters, now: datetime) -> QuerySet[Case]:
    qs = Case.objects.filter(case_visibility_q(actor, now=now))
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    if filters.target_group:
        qs = qs.filter(target_group=filters.target_group)
    if filters.municipality_id:
        qs = qs.filter(municipality_id=filters.municipality_id)
    if filters.referring_party_id:
        qs = qs.filter(referring_party_id=filters.referring_party_id)
    if filters.process_director_id:
        qs = qs.filter(process_director_id=filters.process_director_id)
    if filters.mine:
        qs = qs.filter(
            Q(process_director_id=actor.user_id)
            | Q(case_director_id=actor.user_id)
            | Q(referred_by_id=actor.user_id)
        )
    keyed = bool(filters.last_name) and sees_own_party_only(actor)
    if keyed:
        qs = qs.filter(pk__in=_keyed_by_name(actor, filters.last_name or ""))
    if (filters.last_name and not keyed) or filters.date_of_birth:
        subjects = CaseSubject.objects.filter(case=OuterRef("pk"))
        if filters.last_name:
            subjects = subjects.filter(subject__last_name__iexact=filters.last_name)
        if filters.date_of_birth:
            subjects = subjects.filter(subject__date_of_birth=filters.date_of_birth)
        qs = qs.filter(Exists(subjects))
    return qs


# Ids, not joins: the page's parties and process directors are looked up once each after it
# (`_with_refs`). Joined into the page query, the three tables took PostgreSQL longer to plan
# than to run (1,000,000 cases, under load: 2.6 ms + 1.7 ms planning -> 2.1 ms + 0.4 ms). The
# app pays about that for the two lookups; the work moves from the one database to the app
# processes, which scale out (issue #9, docs/performance.md 2026-12-07).
_COLUMNS = (
    "id",
    "number",
    "phase",
    "target_group",
    "updated_at",
    "version",
    "municipality_id",
    "referring_party_id",
    "process_director_id",
)


def _with_refs(rows: list[tuple[Any, ...]]) -> list[CaseSummary]:
    parties = party_refs(p for row in rows for p in row[6:8])
    directors = user_refs(row[8] for row in rows if row[8] is not None)

    def summary(row: tuple[Any, ...]) -> CaseSummary:
        pk, number, phase, group, updated, version, municipality, referrer, director = row
        return CaseSummary(
            id=pk,
            number=number,
            phase=phase,
            target_group=group,
            updated_at=updated,
            version=version,
            municipality=PartyRef(*parties[municipality]),
            referring_party=PartyRef(*parties[referrer]),
            process_director=PersonRef(*directors[director]) if director is not None else None,
        )

    return [summary(row) for row in rows]


@per_shape()
def _subject_rows(case_ids: list[int]) -> QuerySet[CaseSubject, tuple[int, str, str, date]]:
    return (
        CaseSubject.objects.filter(case_id__in=case_ids)
        .order_by("case_id", "id")
        .values_list(
            "case_id", "subject__first_name", "subject__last_name", "subject__date_of_birth"
        )
    )


def _subjects_of(cases: list[CaseSummary]) -> None:
    """Each case's subjects in one query, in the order they were linked."""
    names: dict[int, list[SubjectName]] = defaultdict(list)
    for case_id, first, last, born in _subject_rows(distinct_ids(c.id for c in cases)):
        names[case_id].append(SubjectName(first, last, born))
    for case in cases:
        case.subjects.extend(names.get(case.id, ()))


def by_newest_case(filters: CaseFilters) -> bool:
    """A search by last name lists the newest case first (by id, the order of the case
    numbers); every other list, the newest change first. Search results that keep their order
    while someone pages through them (a case changed meanwhile does not jump back to the first
    page), and for a delegate the name's search keys give the page in that order directly: one
    index range walked backwards until the page is full, instead of reading and sorting every
    case of the party with that name (~900 for "Jansen" at 1,000,000 cases, 23 ms; issue #9,
    docs/cases.md)."""
    return bool(filters.last_name)


def list_order(actor: Actor, filters: CaseFilters) -> tuple[OrderBy | str, ...]:
    """The list's order (`by_newest_case`) in the form that gives PostgreSQL the right plan.
    A process director's name search sorts the cases the name finds rather than walking the
    primary key: PostgreSQL misjudges how many cases such a view holds (three ORs: ~500,000
    estimated, 14,600 real at 1,000,000 cases) and would walk most of the case table to fill
    one page (the same trap the keyset index was, 1.1 s; issue #9). `COALESCE(x, x)` is the
    same order in a form no index offers. A delegate's search walks the name's search keys,
    a house-wide view the primary key (there, one case in ~150 carries a common name)."""
    if not by_newest_case(filters):
        return ("-updated_at", "-id")
    if actor.has(*HOUSE_WIDE_ROLES) or sees_own_party_only(actor):
        return ("-id",)
    return (Coalesce("id", "id").desc(),)


@per_shape(shape=("limit",))
def _page(
    actor: Actor,
    filters: CaseFilters,
    position: tuple[datetime, int] | None,
    now: datetime,
    *,
    limit: int,
) -> QuerySet[Case, tuple[Any, ...]]:
    """The rows of one page and one more (is there a next page?), compiled once per shape:
    building and compiling it took ~1 ms a request, longer than PostgreSQL ran it."""
    qs = _filtered(actor, filters, now)
    if position is not None and by_newest_case(filters):
        qs = qs.filter(pk__lt=position[1])
    elif position is not None:
        moment, pk = position
        # The redundant `updated_at <= moment` is what the index can seek to; the OR alone
        # made PostgreSQL walk every newer row first (issue #9, deep pages).
        qs = qs.filter(
            Q(updated_at__lte=moment),
            Q(updated_at__lt=moment) | Q(updated_at=moment, pk__lt=pk),
        )
    return qs.order_by(*list_order(actor, filters)).values_list(*_COLUMNS)[: limit + 1]


def case_list_for(
    *,
    actor: Actor,
    ctx: AuditContext,
    filters: CaseFilters | None = None,
    cursor: str | None = None,
    limit: int = 25,
) -> CasePage:
    """One page of the cases the actor may see, newest change first, or for a search by name
    newest case first (`by_newest_case`; keyset, no COUNT)."""
    filters = filters or CaseFilters()
    if filters.last_name is not None:  # a name of spaces alone searches nothing, as in the web
        filters = replace(filters, last_name=filters.last_name.strip() or None)
    position = decode_cursor(cursor) if cursor else None
    found = _page(actor, filters, position, timezone.now(), limit=limit)
    rows = _with_refs(found[:limit])
    next_cursor = None
    if len(found) > limit:
        next_cursor = encode_cursor(rows[-1].updated_at, rows[-1].id)
    if rows:
        _subjects_of(rows)
        # One event per page (names are personal data); cheap, and says who looked at lists.
        audit.record_read(
            ctx,
            actor=actor,
            object_type="case_list",
            object_id=f"{rows[0].id}-{rows[-1].id}",
            purpose=PURPOSE_LIST,
        )
    return CasePage(items=rows, next_cursor=next_cursor)
