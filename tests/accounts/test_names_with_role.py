"""The names of a role's holders, the case list's filter choices, are read once a minute per
process (accounts/selectors.names_with_role, issue #9), and follow a change after that."""

from __future__ import annotations

import time

import pytest
from django.core.cache.backends import locmem

from schakel.accounts.selectors import NAMES_FRESH_SECONDS, names_with_role
from schakel.domain.roles import Role
from tests.conftest import _person

pytestmark = pytest.mark.django_db


def test_the_names_are_read_once_then_kept_for_a_minute(
    house, anouk, django_assert_num_queries, monkeypatch
) -> None:
    assert names_with_role(Role.process_director) == [(anouk.pk, "Anouk Jansen")]
    added = _person(house, "bram", "house", Role.process_director, "Bram", "Aalders")
    with django_assert_num_queries(0):
        assert names_with_role(Role.process_director) == [(anouk.pk, "Anouk Jansen")]
    later = time.time() + NAMES_FRESH_SECONDS + 1
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert names_with_role(Role.process_director) == [
        (added.pk, "Bram Aalders"),
        (anouk.pk, "Anouk Jansen"),
    ]


def test_each_role_has_its_own_names(house, anouk, kees) -> None:
    assert names_with_role(Role.process_director) == [(anouk.pk, "Anouk Jansen")]
    assert names_with_role(Role.partner_delegate) == [(kees.pk, "Kees Hendriks")]
