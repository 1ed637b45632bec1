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
    kees.role_assignments.all().delete()
    user = _fresh(kees)
    with django_assert_num_queries(2):
        actor = actor_for(user)
    assert actor.roles == frozenset()
    assert actor.party_kind == PartyKind.partner and actor.party_active


def test_the_house_is_active_without_a_membership(anouk) -> None:
    Membership.objects.filter(party_id=anouk.party_id).delete()
    assert actor_for(_fresh(anouk)).party_active
