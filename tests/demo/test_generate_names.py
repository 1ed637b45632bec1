"""The generated house's people: surnames shaped as in the Netherlands, and directors whose
caseload grows with the house instead of eight directors for any number of cases."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from schakel.accounts.models import RoleAssignment
from schakel.demo import generate_names as names
from schakel.demo.generate import CASES_PER_DELEGATE, CASES_PER_PROCESS_DIRECTOR, ensure_users
from schakel.domain.roles import Role
from schakel.parties.models import Party


def test_the_commonest_surname_is_half_a_percent_and_the_tail_is_long() -> None:
    assert names.share_of("de Jong") == pytest.approx(0.005)
    shares = [names.share_of(name) for name in names.COMMON_LAST_NAMES]
    assert shares == sorted(shares, reverse=True)
    assert 0.06 < sum(shares) < 0.10
    assert len(set(names.LAST_NAMES)) == len(names.LAST_NAMES) > 1_000
    assert max(names.share_of(name) for name in names.LAST_NAMES[30:]) < 0.001


def test_drawn_names_follow_the_shares() -> None:
    rng = random.Random(7)
    drawn = Counter(names.last_name(rng) for _ in range(200_000))
    # 1,000 expected for "de Jong"; ±15 % is more than six standard deviations.
    assert 850 < drawn["de Jong"] < 1_150
    assert drawn.most_common(1)[0][1] < 1_200
    assert len(drawn) > 1_300  # the tail is drawn, not only the common names


@pytest.mark.django_db
def test_directors_and_delegates_grow_with_the_house_and_are_made_once() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    house_cases = 100_000
    house = ensure_users(house_cases=house_cases)
    generated = RoleAssignment.objects.filter(
        role=Role.process_director.value, user__username__startswith="gen-pr-"
    ).count()
    assert generated == house_cases // CASES_PER_PROCESS_DIRECTOR == 40
    per_party = house_cases // CASES_PER_DELEGATE
    partners = Party.objects.exclude(kind="house").count()
    assert {len(users) for users in house.delegates.values()} == {per_party}
    assert len(house.delegates) == partners
    again = ensure_users(house_cases=house_cases)
    assert again == house
    # A small house keeps the floor of eight directors and three delegates a party.
    small = ensure_users()
    assert small.process_directors == house.process_directors  # nobody is removed
