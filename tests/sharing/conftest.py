"""Fixtures for the sharing tests: a police referral in which GGZ (Dimence) takes part.

- ``kees`` (police) referred the case; ``daan`` (GGZ) is invited; ``anouk`` directs the process.
- ``item``: information provided by GGZ, not released to anyone yet.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.parties.models import Party
from schakel.sharing import services
from schakel.sharing.models import InformationItem, Release
from tests.cases.conftest import CTX, marloes, reclassering, refer, rik, sanne, wim

__all__ = ["CTX", "marloes", "reclassering", "rik", "sanne", "wim"]


def involve(case: Case, party: Party, by: User, relation: str = CaseRelationKind.invited) -> None:
    CaseParty.objects.create(
        case=case,
        party=party,
        relation=relation,
        justification="Betrokken bij de zorg; rechtstreeks betrokken (Art. 12.2e).",
        added_by=by,
        added_at=timezone.now(),
    )


@pytest.fixture
def case(kees: User, anouk: User, house: dict[str, Party]) -> Case:
    case = refer(kees, house)
    involve(case, house["ggz"], anouk)
    case.process_director = anouk
    case.save()
    return case


@pytest.fixture
def add_item(case: Case) -> Callable[..., InformationItem]:
    def make(user: User, **overrides: object) -> InformationItem:
        data: dict[str, object] = {
            "title": "Behandelcontext",
            "content": "In behandeling sinds 2024; verslavingsproblematiek.",
            "kind": "fact",
            "regime": "medical_secrecy",
            "special_category": True,
            "conditions_of_use": "Alleen voor de casustafel.",
        }
        data.update(overrides)
        return services.item_add(actor=actor_for(user), ctx=CTX, case_id=case.pk, **data)  # type: ignore[arg-type]

    return make


@pytest.fixture
def item(daan: User, add_item: Callable[..., InformationItem]) -> InformationItem:
    return add_item(daan)


def propose(
    pd: User, item: InformationItem, party: Party, purpose: str = "pre_conference"
) -> Release:
    return services.release_propose(
        actor=actor_for(pd), ctx=CTX, item_id=item.pk, recipient_party_id=party.pk, purpose=purpose
    )


def approve(user: User, release: Release, reason: str = "Nodig voor de casustafel.") -> Release:
    return services.release_decide(
        actor=actor_for(user), ctx=CTX, release_id=release.pk, approve=True, reason=reason
    )


def fresh_user(user: User) -> User:
    """A new User object (actor_for caches the actor on the instance)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def bram(house: dict[str, Party]) -> User:
    """A second process director of the house, who does not direct ``case``."""
    from schakel.domain.roles import Role
    from tests.conftest import _person

    return _person(house, "bram", "house", Role.process_director, "Bram", "Kok")


@pytest.fixture
def media(settings: object, tmp_path: object) -> object:
    """Uploaded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    return tmp_path
