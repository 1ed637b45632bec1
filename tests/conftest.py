"""Shared fixtures: named people of a small house (healthchecks' alice/bob/charlie style).

- ``anouk``: process director of the house
- ``kees``: police delegate
- ``daan``: GGZ (Dimence) delegate
- ``pieter``: privacy officer
- ``olaf``: an outsider (delegate of a party that is not a member of the covenant)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from schakel.accounts.models import User
from schakel.accounts.services import user_ensure
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.domain.roles import Role
from schakel.parties.models import Party
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure

PASSWORD = "een-lang-testwachtwoord"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL; runs in the PostgreSQL pass")
    for item in items:
        if "postgres_only" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: object) -> None:
    settings.AXES_ENABLED = True  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test's database is rolled back, and the figures' version with it: a report kept by
    an earlier test must not answer for this one (reports/cache.py)."""
    cache.clear()


@pytest.fixture
def house(db: None) -> dict[str, Party]:
    covenant = covenant_ensure(
        title="Convenant IJsselland", version="1.0", signed_on=date(2022, 3, 1)
    )
    parties = {
        "house": party_ensure(
            name="Zorg- en Veiligheidshuis IJsselland",
            slug="zvh",
            kind=PartyKind.house,
            domain=PartyDomain.municipal,
            is_core_partner=False,
        ),
        "police": party_ensure(
            name="Politie Regionale Eenheid Oost-Nederland",
            slug="politie",
            kind=PartyKind.partner,
            domain=PartyDomain.criminal_justice,
            is_core_partner=True,
        ),
        "ggz": party_ensure(
            name="Stichting Dimence",
            slug="dimence",
            kind=PartyKind.partner,
            domain=PartyDomain.care,
            is_core_partner=True,
        ),
        "zwolle": party_ensure(
            name="Gemeente Zwolle",
            slug="gemeente-zwolle",
            kind=PartyKind.municipality,
            domain=PartyDomain.municipal,
            is_core_partner=True,
        ),
        "outsider": party_ensure(
            name="Stichting Buitenstaander",
            slug="buitenstaander",
            kind=PartyKind.partner,
            domain=PartyDomain.care,
            is_core_partner=False,
        ),
    }
    for key in ("police", "ggz", "zwolle"):
        membership_ensure(party=parties[key], covenant=covenant, joined_on=date(2022, 3, 1))
    return parties


def _person(
    house: dict[str, Party], username: str, party: str, role: Role, first: str, last: str
) -> User:
    return user_ensure(
        username=username,
        party=house[party],
        first_name=first,
        last_name=last,
        email=f"{username}@example.invalid",
        roles=[role],
        password=PASSWORD,
    )


@pytest.fixture
def anouk(house: dict[str, Party]) -> User:
    return _person(house, "anouk", "house", Role.process_director, "Anouk", "Jansen")


@pytest.fixture
def kees(house: dict[str, Party]) -> User:
    return _person(house, "kees", "police", Role.partner_delegate, "Kees", "Hendriks")


@pytest.fixture
def daan(house: dict[str, Party]) -> User:
    return _person(house, "daan", "ggz", Role.partner_delegate, "Daan", "Meijer")


@pytest.fixture
def pieter(house: dict[str, Party]) -> User:
    return _person(house, "pieter", "house", Role.privacy_officer, "Pieter", "Smit")


@pytest.fixture
def olaf(house: dict[str, Party]) -> User:
    return _person(house, "olaf", "outsider", Role.partner_delegate, "Olaf", "Buiten")


@pytest.fixture
def no_2fa(settings: object) -> None:
    """The demo posture: the second factor is not required."""
    settings.SCHAKEL_REQUIRE_2FA = False  # type: ignore[attr-defined]


@pytest.fixture
def login_client(no_2fa: None) -> Callable[[User], Client]:
    """A client signed in as ``user`` (2FA off; the 2FA tests sign in the long way)."""

    def make(user: User) -> Client:
        client = Client()
        response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return make
