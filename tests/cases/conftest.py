"""Fixtures for the case tests: more people of the small house, and cases in every phase.

- ``sanne``: conference secretary of the house
- ``wim``: delegate of the municipality of Zwolle
- ``rik``: delegate of Reclassering (a member party), later case director
- ``marloes``: the manager (sees no case content)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases import services
from schakel.cases.models import Case
from schakel.domain.criteria import CRITERIA, CriterionAssessment
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.domain.roles import Role
from schakel.domain.workflow import Action, Decision, Phase
from schakel.parties.models import Party
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure
from tests.conftest import _person

CTX = AuditContext(request_id="test", client_address=None)


@pytest.fixture
def reclassering(house: dict[str, Party]) -> Party:
    party = party_ensure(
        name="Reclassering Nederland",
        slug="reclassering",
        kind=PartyKind.partner,
        domain=PartyDomain.criminal_justice,
        is_core_partner=True,
    )
    covenant = covenant_ensure(
        title="Convenant IJsselland", version="1.0", signed_on=date(2022, 3, 1)
    )
    membership_ensure(party=party, covenant=covenant, joined_on=date(2022, 3, 1))
    house["reclassering"] = party
    return party


@pytest.fixture
def sanne(house: dict[str, Party]) -> User:
    return _person(house, "sanne", "house", Role.conference_secretary, "Sanne", "de Boer")


@pytest.fixture
def wim(house: dict[str, Party]) -> User:
    return _person(house, "wim", "zwolle", Role.partner_delegate, "Wim", "Zwart")


@pytest.fixture
def rik(house: dict[str, Party], reclassering: Party) -> User:
    return _person(house, "rik", "reclassering", Role.partner_delegate, "Rik", "Visser")


@pytest.fixture
def marloes(house: dict[str, Party]) -> User:
    return _person(house, "marloes", "house", Role.manager, "Marloes", "van Dijk")


def refer(user: User, house: dict[str, Party], **overrides: object) -> Case:
    data: dict[str, object] = {
        "subjects": [
            services.SubjectInput(
                first_name="Jeroen",
                last_name="de Vries",
                date_of_birth=date(2001, 4, 12),
                bsn="999990019",
                address="Voorbeeldstraat 1, Zwolle",
            )
        ],
        "municipality_id": house["zwolle"].pk,
        "target_group": "prolific_offenders",
        "inflow": "zsm",
        "reason": "Derde aanhouding in een maand voor winkeldiefstal.",
        "goal": "Een samenhangende aanpak van verslaving en wonen.",
    }
    data.update(overrides)
    return services.case_refer(actor=actor_for(user), ctx=CTX, **data)  # type: ignore[arg-type]


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def criteria(*holding: int) -> list[CriterionAssessment]:
    return [
        CriterionAssessment(c.code, c.number in holding, f"Motivering criterium {c.number}.")
        for c in CRITERIA
    ]


class Walker:
    """Moves a case through the workflow with the services, as the real roles would."""

    def __init__(self, pd: User, secretary: User, house: dict[str, Party]) -> None:
        self.pd, self.secretary, self.house = pd, secretary, house

    def step(self, case: Case, action: Action, user: User | None = None, **kw: object) -> Case:
        services.case_transition(
            actor=actor_for(user or self.pd),
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            action=action,
            **kw,  # type: ignore[arg-type]
        )
        return fresh(case)

    def to_triage(self, case: Case) -> Case:
        return self.step(case, Action.start_triage)

    def triage_done(self, case: Case, holding: tuple[int, ...] = (1, 3, 4)) -> Case:
        services.triage_record_criteria(
            actor=actor_for(self.pd),
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            assessments=criteria(*holding),
            referrer_consulted=True,
        )
        return fresh(case)

    def to_preparation(self, case: Case) -> Case:
        case = self.triage_done(self.to_triage(case))
        return self.step(case, Action.admit, admission_table="regional")

    def prepare(self, case: Case) -> Case:
        services.conference_prepare(
            actor=actor_for(self.secretary),
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            conference_goal="Richting bepalen en procesregie beleggen.",
            conference_date=timezone.localdate() + timedelta(days=7),
            invitations=[(self.house["police"].pk, "Politie heeft de aanhoudingen gedaan.")],
        )
        return fresh(case)

    def to_conference(self, case: Case) -> Case:
        case = self.prepare(self.to_preparation(case))
        return self.step(case, Action.schedule_conference, self.secretary)

    def to_mdo(self, case: Case) -> Case:
        case = self.to_conference(case)
        return self.step(
            case,
            Action.record_conference_decision,
            decision=Decision.process_direction_house,
            motivation="Meerdere ketens nodig; VHH voert regie.",
        )

    def plan(self, case: Case, director: User) -> Case:
        pd = actor_for(self.pd)
        services.case_director_assign(
            actor=pd,
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            user_id=director.pk,
        )
        services.case_informing_set(
            actor=pd,
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            informer_party_id=director.party_id,
            inform_on=timezone.localdate() + timedelta(days=3),
        )
        services.plan_save(
            actor=pd,
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            goals=[services.GoalInput("housing", "Een vaste woonplek.")],
            closure_criteria="Vaste woonplek en behandeling loopt drie maanden.",
            new_actions=[
                services.ActionInput(
                    "housing",
                    "Woonplek via de gemeente",
                    self.house["zwolle"].pk,
                    timezone.localdate() + timedelta(days=42),
                )
            ],
        )
        return fresh(case)

    def to_execution(self, case: Case, director: User) -> Case:
        case = self.plan(self.to_mdo(case), director)
        return self.step(case, Action.adopt_plan)

    def to_closure(self, case: Case, director: User) -> Case:
        case = self.to_execution(case, director)
        return self.step(
            case, Action.decide_closure, motivation="Criteria voor afschaling gehaald."
        )

    def to_closed(self, case: Case, director: User) -> Case:
        case = self.to_closure(case, director)
        return self.step(
            case,
            Action.complete_closure,
            handover_party_id=self.house["zwolle"].pk,
            handover_note="Overdracht aan het sociaal team.",
        )


@pytest.fixture
def walker(anouk: User, sanne: User, house: dict[str, Party]) -> Walker:
    return Walker(anouk, sanne, house)


@pytest.fixture
def referred(kees: User, house: dict[str, Party]) -> Callable[..., Case]:
    def make(**overrides: object) -> Case:
        return refer(kees, house, **overrides)

    return make


__all__ = ["CTX", "Phase", "Walker", "criteria", "fresh", "refer"]
