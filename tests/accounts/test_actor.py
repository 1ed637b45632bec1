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
    from django.conf import settings
    from django.contrib.auth import load_backend

    from schakel.accounts.selectors import two_factor_enabled

    backend = load_backend(settings.AUTHENTICATION_BACKENDS[-1])
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
    assert len(reading_roles) == 1 and '"accounts_user"."password"' in reading_roles[0]
