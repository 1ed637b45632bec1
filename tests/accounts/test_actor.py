"""The actor of a request: roles, party kind and membership, read in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.parties.models import Membership

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no actor kept on the instance


def test_roles_kind_and_membership_come_in_one_query(kees, django_assert_num_queries) -> None:
    user = _fresh(kees)
    with django_assert_num_queries(1):
        actor = actor_for(user)
    assert actor.roles == frozenset({Role.partner_delegate})
    assert actor.party_kind == PartyKind.partner and actor.party_active
    with django_assert_num_queries(0):
        assert actor_for(user) is actor


def test_a_party_that_left_makes_its_people_inactive(kees) -> None:
    # Art. 23: the day a party leaves the covenant, its people see nothing any more.
    Membership.objects.filter(party_id=kees.party_id).update(
        left_on=timezone.localdate() - timedelta(days=1)
    )
    actor = actor_for(_fresh(kees))
    assert actor.roles == frozenset({Role.partner_delegate}) and not actor.party_active


def test_a_user_without_roles_still_has_a_party(kees, django_assert_num_queries) -> None:
    # One query now: the roles come by a LEFT JOIN from the user's row (issue #9), so a user
    # without roles no longer needs a second query for the party.
    kees.role_assignments.all().delete()
    user = _fresh(kees)
    with django_assert_num_queries(1):
        actor = actor_for(user)
    assert actor.roles == frozenset()
    assert actor.party_kind == PartyKind.partner and actor.party_active


def test_the_house_is_active_without_a_membership(anouk) -> None:
    Membership.objects.filter(party_id=anouk.party_id).delete()
    assert actor_for(_fresh(anouk)).party_active


def test_a_request_reads_its_user_with_the_actor_and_second_factor_in_one_query(
    kees, django_assert_num_queries
) -> None:
    """The backend's `get_user` (every request with a session) brings the actor and whether
    TOTP is set up along: the middleware and the views ask nothing more (issue #9)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import load_backend

    from schakel.accounts.backends import SIGNED_IN_USER_BACKEND
    from schakel.accounts.selectors import two_factor_enabled

    backend = load_backend(SIGNED_IN_USER_BACKEND)
    with django_assert_num_queries(1):
        user = backend.get_user(str(kees.pk))
    with django_assert_num_queries(0):
        assert actor_for(user).roles == frozenset({Role.partner_delegate})
        assert not two_factor_enabled(user)
    TOTP.activate(kees, generate_totp_secret())
    assert two_factor_enabled(backend.get_user(kees.pk))
    assert two_factor_enabled(_fresh(kees))  # a user read elsewhere asks allauth
    User.objects.filter(pk=kees.pk).update(is_active=False)
    assert backend.get_user(kees.pk) is None
    assert backend.get_user(10**9) is None


def test_a_page_asks_for_the_roles_only_with_the_user(login_client, kees) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_client(kees)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    reading_roles = [q["sql"] for q in queries if "accounts_roleassignment" in q["sql"]]
    assert len(reading_roles) == 1
    assert "accounts_user" in reading_roles[0] and "password" in reading_roles[0]


def _rows_by_the_orm(user_id: int) -> list[tuple[object, ...]]:
    """The request's user query as the ORM writes it: the oracle for the hand-written SQL."""
    from allauth.mfa.models import Authenticator
    from django.db.models import Exists, F, OuterRef

    from schakel.parties.selectors import member_on

    return sorted(
        User.objects.filter(pk=user_id)
        .annotate(
            held_role=F("role_assignments__role"),
            party_kind=F("party__kind"),
            party_member=member_on("party_id", timezone.localdate()),
            totp_enabled=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .values_list(
            *(f.attname for f in User._meta.concrete_fields),
            "held_role",
            "party_kind",
            "party_member",
            "totp_enabled",
        ),
        key=repr,
    )


def _rows_by_hand(user_id: int) -> list[tuple[object, ...]]:
    from schakel.accounts.selectors import _user_rows

    names = [f.attname for f in User._meta.concrete_fields]
    names += ["held_role", "party_kind", "party_member", "totp_enabled"]
    return sorted(
        (tuple(getattr(row, name) for name in names) for row in _user_rows(user_id)), key=repr
    )


def test_the_hand_written_user_query_agrees_with_the_orm(kees, anouk, olaf) -> None:
    """Every request reads its user by hand-written SQL (issue #9); the membership rule in it
    (`parties.selectors.member_on_sql`) and the rest must answer as the ORM's `member_on` and
    joins do, on both databases: memberships that began, ended today, yesterday or tomorrow,
    a second covenant, no membership, the house, no roles, several roles, TOTP or only
    recovery codes."""
    import random
    from datetime import date

    from allauth.mfa.models import Authenticator

    from schakel.accounts.models import RoleAssignment
    from schakel.parties.models import Covenant

    today = timezone.localdate()
    days = [None, today - timedelta(days=1), today, today + timedelta(days=1)]
    second = Covenant.objects.create(title="Convenant 2", version="2.0", signed_on=date(2025, 1, 1))
    rng = random.Random(20261206)
    for _ in range(40):
        Membership.objects.filter(party_id=kees.party_id).delete()
        for covenant in rng.sample(
            [second, *Covenant.objects.exclude(pk=second.pk)], rng.randint(0, 2)
        ):
            joined = rng.choice(days[1:]) - timedelta(days=rng.choice([0, 30]))
            left = rng.choice([None] + [d for d in days[1:] if d > joined])
            Membership.objects.create(
                party_id=kees.party_id, covenant=covenant, joined_on=joined, left_on=left
            )
        RoleAssignment.objects.filter(user=kees).delete()
        for role in rng.sample(
            [Role.partner_delegate, Role.manager, Role.privacy_officer], rng.randint(0, 2)
        ):
            RoleAssignment.objects.create(user=kees, role=role)
        Authenticator.objects.filter(user=kees).delete()
        for kind in rng.sample(
            [Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES], rng.randint(0, 2)
        ):
            Authenticator.objects.create(user=kees, type=kind, data={})
        for user in (kees, anouk, olaf):
            assert _rows_by_hand(user.pk) == _rows_by_the_orm(user.pk)
    assert _rows_by_hand(10**9) == []
