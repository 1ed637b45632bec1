"""Fixtures for the rights tests: a family case and a second case of the same person.

- ``ilse``: the information coordinator of the house; ``pieter`` (conftest) is the privacy officer.
- ``family``: a police referral about Jeroen de Vries with his sister Mila as family member;
  GGZ (Dimence) is invited; the police and GGZ each provided an item, the police one naming
  Mila. A second, later referral is about Jeroen alone (a new subject row, same BSN), and an
  unrelated case is about Sem Bakker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.cases import services as case_services
from schakel.cases.models import Case, CaseParty, CaseRelationKind, Subject
from schakel.domain.actor import Actor
from schakel.domain.bsn import demo_bsn
from schakel.domain.roles import Role
from schakel.parties.models import Party
from schakel.sharing import services as sharing_services
from schakel.sharing.models import InformationItem
from tests.cases.conftest import CTX, marloes
from tests.conftest import _person

JEROEN_BSN = "999990019"
MILA_BSN = demo_bsn(501)
SEM_BSN = demo_bsn(502)
MILA_ADDRESS = "Kerkstraat 9, Zwolle"


@pytest.fixture
def ilse(house: dict[str, Party]) -> User:
    return _person(house, "ilse", "house", Role.information_coordinator, "Ilse", "Mulder")


def act(user: User) -> Actor:
    return actor_for(user)


def _subject(first: str, last: str, born: date, bsn: str, address: str, relation: str) -> object:
    return case_services.SubjectInput(first, last, born, bsn, address, relation)


def _refer(kees: User, house: dict[str, Party], subjects: list[object], reason: str) -> Case:
    return case_services.case_refer(
        actor=act(kees),
        ctx=CTX,
        subjects=subjects,  # type: ignore[arg-type]
        municipality_id=house["zwolle"].pk,
        target_group="youth_at_risk",
        inflow="zsm",
        reason=reason,
        goal="Veiligheid van Jeroen en het gezin herstellen.",
    )


@dataclass
class Family:
    case: Case
    second: Case
    other: Case
    jeroen: Subject
    mila: Subject
    police_item: InformationItem
    ggz_item: InformationItem


@pytest.fixture
def family(kees: User, daan: User, anouk: User, house: dict[str, Party]) -> Family:
    jeroen = _subject(
        "Jeroen", "de Vries", date(2009, 4, 12), JEROEN_BSN, "Voorbeeldstraat 1, Zwolle", "subject"
    )
    mila = _subject("Mila", "de Vries", date(2013, 5, 9), MILA_BSN, MILA_ADDRESS, "family_member")
    case = _refer(
        kees,
        house,
        [jeroen, mila],
        "Schoolverzuim van Jeroen; zorgen over zijn zus Mila de Vries (09-05-2013), "
        f"BSN {MILA_BSN}, die op {MILA_ADDRESS} woont.",
    )
    CaseParty.objects.create(
        case=case,
        party=house["ggz"],
        relation=CaseRelationKind.invited,
        justification="Jeroen is in behandeling (Art. 12.2e).",
        added_by=anouk,
        added_at=timezone.now(),
    )
    police_item = sharing_services.item_add(
        actor=act(kees),
        ctx=CTX,
        case_id=case.pk,
        title="Politiecontacten",
        content="Jeroen is twee keer aangehouden; Mila was er de tweede keer bij.",
        kind="fact",
        regime="wpg",
        special_category=True,
    )
    ggz_item = sharing_services.item_add(
        actor=act(daan),
        ctx=CTX,
        case_id=case.pk,
        title="Behandelcontext",
        content="Jeroen is sinds 2024 in behandeling bij Dimence.",
        kind="fact",
        regime="medical_secrecy",
        special_category=True,
    )
    second = _refer(kees, house, [jeroen], "Opnieuw aangehouden voor winkeldiefstal.")
    sem = _subject("Sem", "Bakker", date(1990, 2, 2), SEM_BSN, "Dorpsweg 3, Kampen", "subject")
    other = _refer(kees, house, [sem], "Overlast door Sem Bakker.")
    subjects = Subject.objects.filter(bsn=JEROEN_BSN).order_by("id")
    return Family(
        case=case,
        second=second,
        other=other,
        jeroen=subjects[0],
        mila=Subject.objects.get(bsn=MILA_BSN),
        police_item=police_item,
        ggz_item=ggz_item,
    )


__all__ = ["CTX", "Family", "act", "marloes"]
