"""Reads about users: the actor of a request, and the lists the shell shows."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import cast

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from schakel.accounts.models import RoleAssignment, User
from schakel.core.sql import Rows, columns
from schakel.core.statements import distinct_ids, per_shape
from schakel.domain.actor import Actor
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.parties.models import Party
from schakel.parties.selectors import member_on_sql


@functools.cache
def _user_rows_sql() -> Rows:
    """Built once, on the first request (not at import: the models' tables are read here)."""
    user, party = User._meta.db_table, Party._meta.db_table
    roles, authenticators = RoleAssignment._meta.db_table, Authenticator._meta.db_table
    sql = (
        f"SELECT {columns('u', User)}, r.role AS held_role, p.kind AS party_kind, "  # noqa: S608
        f"{member_on_sql('u.party_id')} AS party_member, "
        f"EXISTS (SELECT 1 FROM {authenticators} a WHERE a.user_id = u.id AND a.type = %s) "
        "AS totp_enabled "
        f"FROM {user} u JOIN {party} p ON p.id = u.party_id "
        f"LEFT JOIN {roles} r ON r.user_id = u.id WHERE u.id = %s"
    )
    return Rows.written(User, sql, ("held_role", "party_kind", "party_member", "totp_enabled"))


def _user_rows(user_id: int) -> list[User]:
    """The user, once per role held (a LEFT JOIN: one row when none), each row with the
    party's kind, its covenant membership today and whether a TOTP authenticator is set up.

    Written in SQL because every request asks it: the same query through the ORM spent 1.0 ms
    compiling its two EXISTS for 0.5 ms of executing (issue #9). The membership rule comes from
    the parties app (`member_on_sql`); tests/accounts/test_actor.py holds the result equal to
    the ORM's for every kind of user."""
    today = timezone.localdate()
    rows: list[User] = _user_rows_sql().run([today, today, Authenticator.Type.TOTP, user_id])
    for row in rows:  # SQLite answers EXISTS with 0 or 1
        row.party_member = bool(row.party_member)  # type: ignore[attr-defined]
        row.totp_enabled = bool(row.totp_enabled)  # type: ignore[attr-defined]
    return rows


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


def _full_name(first: str, last: str) -> str:
    """As `User.get_full_name`, from the two columns of a values row."""
    return f"{first} {last}".strip()


@per_shape()
def _user_refs(ids: list[int]) -> QuerySet[User, tuple[int, str, str, str]]:
    return (
        User.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "username", "first_name", "last_name")
    )


def user_refs(user_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(username, full name) of the given users by id, active or not: one light query for the
    rows of a page."""
    rows = _user_refs(distinct_ids(user_ids))
    return {pk: (username, _full_name(first, last)) for pk, username, first, last in rows}


@per_shape()
def _names_with_role(role: Role) -> QuerySet[User, tuple[int, str, str]]:
    return users_with_role(role).values_list("pk", "first_name", "last_name")


# How long a process keeps the names of a role's holders (the list filter's choices).
NAMES_FRESH_SECONDS = 60


def names_with_role(role: Role) -> list[tuple[int, str]]:
    """(id, full name) of `users_with_role`: the choices of a list filter, without model
    instances. Kept a minute in the process's own cache (settings.CACHES: local memory, never
    shared): the case list's process-director filter read and sorted every director's name
    on each page, ~400 at 1,000,000 cases, a tenth of PostgreSQL's time under load (issue
    #9). A director added or gone shows in the filter within that minute; the filter only
    narrows the cases the policy already lets the actor see."""
    names = cache.get_or_set(
        f"schakel:names_with_role:{role.value}",
        lambda: [(pk, _full_name(first, last)) for pk, first, last in _names_with_role(role)],
        NAMES_FRESH_SECONDS,
    )
    return cast(list[tuple[int, str]], names)
