"""Reads about users: the actor of a request, and the lists the shell shows."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.parties.selectors import member_on


def _user_rows(user_id: int) -> list[User]:
    """The user, once per role held (a LEFT JOIN: one row when none), each row with the
    party's kind, its covenant membership today and whether a TOTP authenticator is set up."""
    return list(
        User.objects.filter(pk=user_id).annotate(
            held_role=F("role_assignments__role"),
            party_kind=F("party__kind"),
            party_member=member_on("party_id", timezone.localdate()),
            totp_enabled=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
    )


def _actor_of(rows: list[User]) -> Actor:
    first = rows[0]
    kind = first.party_kind  # type: ignore[attr-defined]
    return Actor(
        user_id=first.pk,
        username=first.username,
        party_id=first.party_id,
        party_kind=PartyKind(kind),
        roles=frozenset(Role(r.held_role) for r in rows if r.held_role),  # type: ignore[attr-defined]
        party_active=kind == PartyKind.house or first.party_member,  # type: ignore[attr-defined]
    )


def signed_in_user(*, user_id: int) -> User | None:
    """The user of a request with its actor, in one query (issue #9): every request loaded
    the user, then its roles with the party's kind and membership, and in production asked
    whether a second factor is set up (`two_factor_enabled`), three round trips for one
    person. The authentication backend (`accounts.backends`) loads users through this."""
    rows = _user_rows(user_id)
    if not rows:
        return None
    user = rows[0]
    user._schakel_actor = _actor_of(rows)  # type: ignore[attr-defined]
    return user


def actor_for(user: User) -> Actor:
    """The actor of a request: built once per user object; a request's user comes with it
    (`signed_in_user`), any other user costs one query."""
    cached: Actor | None = getattr(user, "_schakel_actor", None)
    if cached is not None:
        return cached
    actor = _actor_of(_user_rows(user.pk))
    user._schakel_actor = actor  # type: ignore[attr-defined]
    return actor


def two_factor_enabled(user: User) -> bool:
    """Art. 18.3: whether the user has set up TOTP; answered by the request's own user row
    when it came through `signed_in_user`, asked of allauth otherwise."""
    known: bool | None = getattr(user, "totp_enabled", None)
    if known is not None:
        return known
    return bool(is_mfa_enabled(user, [Authenticator.Type.TOTP]))


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
