"""Reads of parties and memberships (no personal data)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from schakel.core.statements import distinct_ids, per_shape
from schakel.parties.models import Covenant, Membership, Party


def _active_memberships(on: date) -> QuerySet[Membership]:
    return Membership.objects.filter(joined_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )


def member_on_sql(party_column: str) -> str:
    """`member_on` as plain SQL for a statement written by hand (the request's user,
    `accounts.selectors`): true when the party in `party_column` is a member on the date
    bound twice after it. tests/accounts/test_actor.py holds the two equal."""
    table = Membership._meta.db_table
    return (
        f"EXISTS (SELECT 1 FROM {table} m WHERE m.party_id = {party_column} "  # noqa: S608
        "AND m.joined_on <= %s AND (m.left_on IS NULL OR m.left_on > %s))"
    )


def member_on(party_ref: str, on: date) -> Exists:
    """Whether the party at `party_ref` (a path in the outer query) is a member of the
    covenant on `on`, as an expression to annotate with."""
    return Exists(_active_memberships(on).filter(party=OuterRef(party_ref)))


def party_list(*, on: date | None = None, kind: str | None = None) -> QuerySet[Party]:
    """All parties, annotated with whether they are a member of the covenant on ``on``."""
    day = on or date.today()
    qs = Party.objects.annotate(is_member=member_on("pk", day))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


def party_get(*, slug: str) -> Party | None:
    return party_list().filter(slug=slug).first()


def party_get_by_id(*, party_id: int) -> Party | None:
    return party_list().filter(pk=party_id).first()


def party_memberships(*, party: Party) -> QuerySet[Membership]:
    return party.memberships.select_related("covenant").order_by("-joined_on")


def party_is_member(*, party_id: int, on: date) -> bool:
    return _active_memberships(on).filter(party_id=party_id).exists()


def covenant_current() -> Covenant | None:
    return Covenant.objects.order_by("-signed_on").first()


def party_left_on(*, party_id: int) -> date | None:
    """The last day a membership of the party ended (Art. 23), or None if it never ended."""
    return (
        Membership.objects.filter(party_id=party_id, left_on__isnull=False)
        .order_by("-left_on")
        .values_list("left_on", flat=True)
        .first()
    )


@per_shape()
def party_names() -> QuerySet[Party, tuple[int, str, str]]:
    """(id, name, kind) of every party, by kind and name: the choices of a filter (one light
    query, no membership annotation and no model instances)."""
    return Party.objects.order_by("kind", "name").values_list("pk", "name", "kind")


@per_shape()
def _party_refs(ids: list[int]) -> QuerySet[Party, tuple[int, str, str]]:
    return Party.objects.filter(pk__in=ids).order_by().values_list("pk", "slug", "name")


def party_refs(party_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(slug, name) of the given parties by id: one light query for the rows of a page."""
    return {pk: (slug, name) for pk, slug, name in _party_refs(distinct_ids(party_ids))}
