"""The only read path to information items and to the access log.

Item visibility is `domain.policy.decide_item`; `item_visibility_q` is the same rule as a
queryset filter (tests/sharing/test_item_access.py checks that they agree). An item the actor
may not read is ``None``, exactly like a missing one, and the attempt is logged as denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.models import AuditEvent
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.models import Case, CaseParty, CaseSubject
from schakel.cases.selectors import active_grant_case_ids, case_visibility_q, relation_for
from schakel.core.sql import attach_refs, compiled_once
from schakel.core.statements import distinct_ids, per_shape
from schakel.domain.actor import Actor
from schakel.domain.policy import (
    CaseRelation,
    ItemAction,
    ItemFacts,
    decide_item,
    may_read_access_log,
    may_see_cases_at_all,
    reads_without_release,
)
from schakel.domain.roles import Role
from schakel.domain.workflow import FINAL_PHASES
from schakel.parties.models import Party
from schakel.sharing.item_rows import item_with_case
from schakel.sharing.models import (
    Attachment,
    InformationItem,
    Purpose,
    Release,
    ReleaseState,
    ThirdPartyConsent,
)

PURPOSE_LABELS: dict[str, str] = {
    Purpose.pre_conference: "Art. 17.2 lezen voor de casustafel",
    Purpose.conference: "Art. 17.2 casustafel",
    Purpose.plan: "Art. 17.2 plan van aanpak",
}
PURPOSE_PROVIDER = "Art. 12.2f eigen inbreng"
PURPOSE_DIRECTOR = "Art. 12, 17.2 procesregie"
PURPOSE_ACCESS_LOG = "AVG Art. 39 toezicht FG op toegang"
PURPOSE_BREAK_THE_GLASS = "break_the_glass"


# --------------------------------------------------------------------------- items


def _approved_to(party_id: int) -> QuerySet[Release]:
    return Release.objects.filter(recipient_party_id=party_id, state=ReleaseState.approved)


def item_visibility_q(actor: Actor) -> Q:
    """`decide_item(actor, facts, read)` as a filter on InformationItem."""
    if not may_see_cases_at_all(actor):
        return Q(pk__in=[])
    visible_case = Q(case__in=Case.objects.filter(case_visibility_q(actor)).values("pk"))
    own = Q(providing_party_id=actor.party_id)
    released = Exists(_approved_to(actor.party_id).filter(item=OuterRef("pk")))
    open_case = ~Q(case__phase__in=[p.value for p in FINAL_PHASES])
    reading = open_case & Q(released)
    if actor.has(Role.process_director):
        # The case's own process director, or one holding a break-the-glass grant for it.
        reading |= Q(case__process_director_id=actor.user_id) | Q(
            case_id__in=active_grant_case_ids(actor)
        )
    return visible_case & (own | (Q(withdrawn_at__isnull=True) & reading))


@per_shape()
def _released_to(party_id: int, item_ids: list[int]) -> QuerySet[Release, tuple[int, str]]:
    """(item, purpose) of the approved releases of these items to the party (compiled once
    per number of items: every case page a delegate opens asks it)."""
    return _approved_to(party_id).filter(item_id__in=item_ids).values_list("item_id", "purpose")


def _facts_of_items(
    actor: Actor, case: CaseRelation, items: list[InformationItem]
) -> dict[int, ItemFacts]:
    """The actor's relation to items of one case. Releases to the actor's party are asked in
    one query, and only for the items where they decide anything: never for the provider or
    the directing process director (`reads_without_release`; issue #9)."""
    provider = {i.pk: i.providing_party_id == actor.party_id for i in items}
    asked = [
        pk
        for pk, own in provider.items()
        if not reads_without_release(actor, case, is_provider_party=own)
    ]
    released: dict[int, set[str]] = {}
    if asked:
        for item_id, purpose in _released_to(actor.party_id, distinct_ids(asked)):
            released.setdefault(item_id, set()).add(purpose)
    return {
        i.pk: ItemFacts(
            case=case,
            is_provider_party=provider[i.pk],
            released_purposes=frozenset(released.get(i.pk, ())),
            withdrawn=i.withdrawn_at is not None,
        )
        for i in items
    }


def item_facts(actor: Actor, item: InformationItem) -> ItemFacts:
    """The actor's relation to one item (`item.case` with its parties, prefetched or not).

    Kept on the item for the same actor: an item page asks four questions of one item
    (read, propose, consent, attach) and the facts are the same for each (issue #9). A
    write always reads the item afresh, so the memo never outlives what it describes."""
    memo: tuple[Actor, ItemFacts] | None = getattr(item, "_schakel_facts", None)
    if memo is not None and memo[0] == actor:
        return memo[1]
    facts = _facts_of_items(actor, relation_for(actor, item.case), [item])[item.pk]
    item._schakel_facts = (actor, facts)  # type: ignore[attr-defined]
    return facts


def item_may(actor: Actor, item: InformationItem, action: ItemAction) -> bool:
    return decide_item(actor, item_facts(actor, item), action).allowed


def read_purpose(actor: Actor, item: InformationItem, facts: ItemFacts) -> str:
    if facts.is_provider_party:
        return PURPOSE_PROVIDER
    if actor.has(Role.process_director) and facts.case.is_process_director:
        return PURPOSE_DIRECTOR
    if actor.has(Role.process_director) and facts.case.emergency_access:
        return PURPOSE_BREAK_THE_GLASS
    return "; ".join(PURPOSE_LABELS[p] for p in sorted(facts.released_purposes))


def item_get_for(*, actor: Actor, ctx: AuditContext, item_id: int) -> InformationItem | None:
    """The item with its content, if the actor may read it; one read event per subject."""
    item = item_with_case(item_id)
    facts = item_facts(actor, item) if item is not None else None
    if item is None or facts is None or not decide_item(actor, facts, ItemAction.read).allowed:
        audit.access_denied(
            ctx, actor=actor, object_type="information_item", object_id=item_id, purpose="read"
        )
        return None
    purpose = read_purpose(actor, item, facts)
    audit.record_reads(
        ctx,
        actor=actor,
        object_type="information_item",
        object_id=item.pk,
        purpose=purpose,
        subject_pseudonyms=[
            subject_pseudonym(link.subject_id) for link in item.case.case_subjects.all()
        ],
    )
    return item


@dataclass
class ItemRow:
    item: InformationItem
    own: bool
    pending: list[Release]


@dataclass
class CaseItems:
    rows: list[ItemRow]
    may_add: bool


@compiled_once
def _titles_of(case_id: int) -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(case_id=case_id).defer("content")


def case_items_for(*, actor: Actor, case: Case) -> CaseItems:
    """The items of a case the actor may read (titles only: no content, so no read event),
    with the release requests waiting for the actor's party. The content is not even loaded:
    a list of titles never decrypts what it does not show.

    One case's items are few, so each is judged by `decide_item` itself rather than by its
    mirror `item_visibility_q`: the filter's subqueries cost ~5 ms of compiling and planning
    per page for a handful of rows (issue #9). Releases are asked only for the items where
    they decide anything (`reads_without_release`)."""
    relation = relation_for(actor, case)
    items = _titles_of(case.pk)
    attach_refs(Party, (items, "providing_party"))
    facts = _facts_of_items(actor, relation, items)
    readable = [i for i in items if decide_item(actor, facts[i.pk], ItemAction.read).allowed]
    # The requests waiting for a decision concern only the party's own items: asked only
    # when it has some on this case (a process director's house rarely does).
    own = [i.pk for i in readable if facts[i.pk].is_provider_party]
    pending: dict[int, list[Release]] = {}
    if own:
        for release in Release.objects.filter(
            item_id__in=own, state=ReleaseState.proposed
        ).select_related("recipient_party"):
            pending.setdefault(release.item_id, []).append(release)
    return CaseItems(
        rows=[
            ItemRow(
                item=i,
                own=facts[i.pk].is_provider_party,
                pending=pending.get(i.pk, []),
            )
            for i in readable
        ],
        may_add=decide_item(actor, ItemFacts(case=relation), ItemAction.add).allowed,
    )


@compiled_once
def _releases_of(item_id: int) -> QuerySet[Release]:
    return Release.objects.filter(item_id=item_id)


def item_releases(*, item: InformationItem) -> list[Release]:
    """Every release of an item (for its provider and the process director), with its
    recipient and its people: compiled once and looked up by id, not joined (four joins
    cost ~2 ms of compiling on every item read, releases or none; issue #9)."""
    releases = _releases_of(item.pk)
    attach_refs(Party, (releases, "recipient_party"))
    attach_refs(
        User,
        *((releases, name) for name in ("proposed_by", "decided_by", "withdrawn_by")),
    )
    return releases


@compiled_once
def _consents_of(item_id: int) -> QuerySet[ThirdPartyConsent]:
    return ThirdPartyConsent.objects.filter(item_id=item_id)


def item_consents(*, item: InformationItem) -> list[ThirdPartyConsent]:
    """The written consents recorded for an item (for its provider's page)."""
    return _consents_of(item.pk)


def recipient_parties(*, item: InformationItem) -> QuerySet[Party]:
    """The parties actively involved in the item's case, other than the provider."""
    involved = CaseParty.objects.filter(case=item.case, removed_at__isnull=True).values("party_id")
    return Party.objects.filter(pk__in=involved).exclude(pk=item.providing_party_id)


def proposable_parties(*, actor: Actor, item_id: int) -> QuerySet[Party]:
    """The parties the actor may propose as recipients of the item (none if they may not)."""
    item = item_with_case(item_id)
    if item is None or not item_may(actor, item, ItemAction.propose):
        return Party.objects.none()
    return recipient_parties(item=item)


# --------------------------------------------------------------------------- the access log


@dataclass(frozen=True)
class SubjectRow:
    name: str
    date_of_birth: date
    pseudonym: str


@dataclass
class LogPage:
    events: list[AuditEvent]
    users: dict[int, User]
    parties: dict[int, Party]
    next_before: int | None


def access_log_denied(*, actor: Actor, ctx: AuditContext, target: str) -> None:
    """Someone other than the privacy officer tried to open the access log."""
    audit.access_denied(
        ctx, actor=actor, object_type="access_log", object_id=target, purpose="read"
    )


def access_log_subjects(*, actor: Actor, ctx: AuditContext, case_number: str) -> list[SubjectRow]:
    """The subjects of a case, so the privacy officer can find a person's access log."""
    if not may_read_access_log(actor):
        audit.access_denied(
            ctx, actor=actor, object_type="access_log", object_id=case_number[:60], purpose="find"
        )
        return []
    links = list(
        CaseSubject.objects.filter(case__number=case_number.strip()).select_related("subject")
    )
    rows = []
    for link in links:
        pseudonym = subject_pseudonym(link.subject_id)
        audit.record_read(
            ctx,
            actor=actor,
            object_type="access_log_subject",
            object_id=link.case_id,
            purpose=PURPOSE_ACCESS_LOG,
            subject_pseudonym=pseudonym,
        )
        rows.append(
            SubjectRow(
                name=f"{link.subject.first_name} {link.subject.last_name}",
                date_of_birth=link.subject.date_of_birth,
                pseudonym=pseudonym,
            )
        )
    return rows


def _period(qs: QuerySet[AuditEvent], since: date | None, until: date | None) -> QuerySet:  # type: ignore[type-arg]
    zone = timezone.get_current_timezone()
    if since:
        qs = qs.filter(occurred_at__gte=datetime.combine(since, time.min, zone))
    if until:
        qs = qs.filter(occurred_at__lt=datetime.combine(until + timedelta(days=1), time.min, zone))
    return qs


def access_log_for(
    *,
    actor: Actor,
    ctx: AuditContext,
    pseudonym: str | None = None,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    before: int | None = None,
    limit: int = 50,
) -> LogPage | None:
    """One page (newest first, keyset on id, no COUNT) of the events about a subject, or of
    what one user did. Only the privacy officer; her own read is logged first."""
    target = f"subject:{pseudonym}" if pseudonym else f"user:{user_id}"
    if not may_read_access_log(actor) or (pseudonym is None) == (user_id is None):
        audit.access_denied(
            ctx, actor=actor, object_type="access_log", object_id=target[:64], purpose="read"
        )
        return None
    audit.record_read(
        ctx,
        actor=actor,
        object_type="access_log",
        object_id=target[:64],
        purpose=PURPOSE_ACCESS_LOG,
        subject_pseudonym=pseudonym or "",
    )
    qs = AuditEvent.objects.all()
    qs = qs.filter(subject_pseudonym=pseudonym) if pseudonym else qs.filter(user_id=user_id)
    qs = _period(qs, since, until)
    if before:
        qs = qs.filter(id__lt=before)
    events = list(qs.order_by("-id")[: limit + 1])
    next_before = None
    if len(events) > limit:
        events = events[:limit]
        next_before = events[-1].id
    user_ids = {e.user_id for e in events if e.user_id}
    party_ids = {e.party_id for e in events if e.party_id}
    return LogPage(
        events=events,
        users={u.pk: u for u in User.objects.filter(pk__in=user_ids)},
        parties={p.pk: p for p in Party.objects.filter(pk__in=party_ids)},
        next_before=next_before,
    )


def log_users(*, actor: Actor) -> QuerySet[User]:
    """The people the privacy officer can pick for "what did this user open"."""
    if not may_read_access_log(actor):
        return User.objects.none()
    return User.objects.select_related("party").order_by("last_name", "first_name")


def case_for_item_add(*, actor: Actor, ctx: AuditContext, case_id: int) -> Case | None:
    """The case, if the actor may add information to it (no content is shown: no read)."""
    case = Case.objects.filter(pk=case_id).prefetch_related("parties").first()
    facts = ItemFacts(case=relation_for(actor, case)) if case is not None else None
    if case is None or facts is None or not decide_item(actor, facts, ItemAction.add).allowed:
        audit.access_denied(ctx, actor=actor, object_type="case", object_id=case_id, purpose="add")
        return None
    return case


def items_of_cases_for_export(*, case_ids: list[int]) -> dict[int, list[InformationItem]]:
    """Every item of these cases with its providing party and attachments, per case, in the
    export's order (party, date). No policy filter: only the subject's access export
    (rights.export, authorised and logged there, AVG Art. 15) calls this."""
    attachments = Attachment.objects.select_related("uploaded_by__party").order_by(
        "uploaded_at", "id"
    )
    items = (
        InformationItem.objects.filter(case_id__in=case_ids)
        .select_related("providing_party")
        .prefetch_related(Prefetch("attachments", queryset=attachments))
        .order_by("providing_party__name", "created_at", "id")
    )
    per_case: dict[int, list[InformationItem]] = {pk: [] for pk in case_ids}
    for item in items:
        per_case[item.case_id].append(item)
    return per_case
