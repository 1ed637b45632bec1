"""Reads about users: the actor of a request, and the lists the shell shows."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.parties.selectors import party_is_member


def actor_for(user: User) -> Actor:
    """The actor of a request: built once, from one query for the roles."""
    cached: Actor | None = getattr(user, "_schakel_actor", None)
    if cached is not None:
        return cached
    roles = frozenset(Role(value) for value in user.role_assignments.values_list("role", flat=True))
    kind = PartyKind(user.party.kind)
    actor = Actor(
        user_id=user.pk,
        username=user.username,
        party_id=user.party_id,
        party_kind=kind,
        roles=roles,
        party_active=kind == PartyKind.house
        or party_is_member(party_id=user.party_id, on=timezone.localdate()),
    )
    user._schakel_actor = actor  # type: ignore[attr-defined]
    return actor


def users_of_party(*, party_id: int) -> QuerySet[User]:
    return User.objects.filter(party_id=party_id, is_active=True).prefetch_related(
        "role_assignments"
    )
