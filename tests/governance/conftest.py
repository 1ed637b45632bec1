"""Governance people: the manager (secretary), a small Stuurgroep and Kerngroepoverleg.

- ``marloes``: manager of the house (secretary of the Stuurgroep, member of the core group)
- ``gerrit``: mayor of Zwolle, chair of the Stuurgroep
- ``carla``: director at Dimence (GGZ), Stuurgroep
- ``hans``: police chief, Stuurgroep
- ``jeroen``: police delegate in the Kerngroepoverleg
- ``femke``: functional administrator
"""

from __future__ import annotations

from datetime import date

import pytest

from schakel.accounts.models import User
from schakel.domain.covenant import Body, CoreRole
from schakel.domain.roles import Role
from schakel.governance import services
from schakel.governance.models import BodyMember
from schakel.parties.models import Covenant, Party
from tests.conftest import _person
from tests.governance.helpers import act

SINCE = date(2022, 3, 1)


@pytest.fixture
def covenant(house: dict[str, Party]) -> Covenant:
    return Covenant.objects.get()


@pytest.fixture
def marloes(house: dict[str, Party]) -> User:
    return _person(house, "marloes", "house", Role.manager, "Marloes", "van Dijk")


@pytest.fixture
def gerrit(house: dict[str, Party]) -> User:
    return _person(house, "gerrit", "zwolle", Role.steering_group_member, "Gerrit", "Hoekstra")


@pytest.fixture
def carla(house: dict[str, Party]) -> User:
    return _person(house, "carla", "ggz", Role.steering_group_member, "Carla", "Prins")


@pytest.fixture
def hans(house: dict[str, Party]) -> User:
    return _person(house, "hans", "police", Role.steering_group_member, "Hans", "Wolters")


@pytest.fixture
def jeroen(house: dict[str, Party]) -> User:
    return _person(house, "jeroen", "police", Role.core_group_member, "Jeroen", "Bakker")


@pytest.fixture
def femke(house: dict[str, Party]) -> User:
    return _person(house, "femke", "house", Role.functional_administrator, "Femke", "Bos")


@pytest.fixture
def bodies(
    house: dict[str, Party], marloes: User, gerrit: User, carla: User, hans: User, jeroen: User
) -> dict[str, BodyMember]:
    m = act(marloes)
    sg = Body.STEERING_GROUP
    cg = Body.CORE_GROUP
    return {
        "gerrit": services.body_member_add(
            actor=m, body=sg, user=gerrit, party=house["zwolle"], seat="voorzitter", since=SINCE
        ),
        "carla": services.body_member_add(
            actor=m, body=sg, user=carla, party=house["ggz"], seat="GGZ", since=SINCE
        ),
        "hans": services.body_member_add(
            actor=m, body=sg, user=hans, party=house["police"], seat="politie", since=SINCE
        ),
        "jeroen": services.body_member_add(
            actor=m,
            body=cg,
            user=jeroen,
            party=house["police"],
            core_role=CoreRole.PARTNER_DELEGATE,
            since=SINCE,
        ),
        "marloes_cg": services.body_member_add(
            actor=m, body=cg, user=marloes, core_role=CoreRole.MANAGER, since=SINCE
        ),
    }
