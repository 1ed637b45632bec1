"""Reads about users: the actor of a request, and the lists the shell shows."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from schakel.accounts.models import RoleAssignment, User
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.parties.selectors import member_on, party_kind_and_membership


def actor_for(user: User) -> Actor:
    """The actor of a request: built once, from one query for the roles with the party's kind
    and membership on each row (every request asks; a user without roles takes a second)."""
    cached: Actor | None = getattr(user, "_schakel_actor", None)
    if cached is not None:
        return cached
    on = timezone.localdate()
    rows = list(
        RoleAssignment.objects.filter(user_id=user.pk)
        .annotate(member=member_on("user__party_id", on))
        .values_list("role", "user__party__kind", "member")
    )
    if rows:
        kind, member = rows[0][1], rows[0][2]
    else:
        kind, member = party_kind_and_membership(party_id=user.party_id, on=on)
    roles = frozenset(Role(role) for role, _kind, _member in rows)
    actor = Actor(
        user_id=user.pk,
        username=user.username,
        party_id=user.party_id,
        party_kind=PartyKind(kind),
        roles=roles,
        party_active=kind == PartyKind.house or member,
    )
    user._schakel_actor = actor  # type: ignore[attr-defined]
    return actor


def users_of_party(*, party_id: int) -> QuerySet[User]:
    return User.objects.filter(party_id=party_id, is_active=True).prefetch_related(
        "role_assignments"
    )


def users_with_role(role: Role) -> QuerySet[User]:
    """The active users holding a role, by last and first name (the choices of a form)."""
    return User.objects.filter(is_active=True, role_assignments__role=role.value).order_by(
        "last_name", "first_name"
    )


def names_with_role(role: Role) -> list[tuple[int, str]]:
    """(id, full name) of `users_with_role`: the choices of a list filter, without model
    instances."""
    rows = users_with_role(role).values_list("pk", "first_name", "last_name")
    return [(pk, f"{first} {last}".strip()) for pk, first, last in rows]
