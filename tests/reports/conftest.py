"""Reports people and a fixed dataset with known answers.

- ``mirjam``: manager of the house (Art. 11)
- ``stefan``: steering-group member (mayor's office, Zwolle)
- ``femke``: functional administrator (sees nothing here)
- ``anouk`` (shared): process director (dashboard only)
- ``kees`` (shared): police delegate (nothing)

The dataset (`fixed_stats`), period of interest Q1 2026, previous Q4 2025:

Zwolle, 12 cases referred 5-16 January 2026 (i = 0..11), referred by the police; i < 8
prolific offenders, else Top X. Triage (+2 days) for all; decided at +5 days for i <= 9:
admitted except i = 9. i = 0..7 at the case conference on 2 February 2026: i = 0..4 "procesregie
VHH" (MDO the same day, execution 16 February), i = 5, 6 ISD (execution), i = 7 scale down
(closure, closed 9 February, successfully). i = 8 waits in preparation; i = 10, 11 in triage.
Open plan actions: 2 each for i = 0..4, overdue 1 for i = 0, 1.

"Elders" (key 900001, no party), 3 youth cases referred 3-5 November 2025, admitted 10 November,
conference 1 December ("procesregie VHH"), closed 1 March 2026: j = 0, 1 successfully, j = 2 not.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.accounts.models import User
from schakel.domain.roles import Role
from schakel.parties.models import Party
from schakel.reports.services import case_statistic_record
from tests.conftest import _person

ELSEWHERE = 900001


@pytest.fixture
def mirjam(house: dict[str, Party]) -> User:
    return _person(house, "mirjam", "house", Role.manager, "Mirjam", "de Vries")


@pytest.fixture
def stefan(house: dict[str, Party]) -> User:
    return _person(house, "stefan", "zwolle", Role.steering_group_member, "Stefan", "Bos")


@pytest.fixture
def femke(house: dict[str, Party]) -> User:
    return _person(house, "femke", "house", Role.functional_administrator, "Femke", "Mol")


def _d(day: date, plus: int) -> date:
    return day + timedelta(days=plus)


@pytest.fixture
def fixed_stats(house: dict[str, Party], anouk: User) -> dict[str, int]:
    zwolle, police, ggz = house["zwolle"].pk, house["police"].pk, house["ggz"].pk
    conference, execution = date(2026, 2, 2), date(2026, 2, 16)
    for i in range(12):
        referred = date(2026, 1, 5 + i)
        history = [("triage", _d(referred, 2))]
        facts: dict[str, object] = {}
        if i <= 9:
            admitted = i != 9
            facts.update(triage_decided_on=_d(referred, 5), admitted=admitted)
            history.append(("preparation" if admitted else "not_admitted", _d(referred, 5)))
        if i <= 7:
            history.append(("case_conference", conference))
            if i <= 4:
                facts.update(decision="process_direction_house", decision_on=conference)
                history += [("mdo", conference), ("execution", execution)]
                facts.update(open_actions=2, overdue_actions=1 if i <= 1 else 0)
            elif i <= 6:
                facts.update(decision="isd", decision_on=conference)
                history.append(("execution", conference))
            else:
                facts.update(decision="scale_down", decision_on=conference)
                history += [("closure", conference), ("closed", date(2026, 2, 9))]
                facts.update(closed_on=date(2026, 2, 9), closed_successfully=True)
        case_statistic_record(
            case_ref=100 + i,
            referred_on=referred,
            target_group="prolific_offenders" if i < 8 else "top_x",
            municipality_id=zwolle,
            referring_party_id=police,
            process_director_id=anouk.pk if i < 6 else None,
            phase_history=history,
            **facts,  # type: ignore[arg-type]
        )
    for j in range(3):
        referred = date(2025, 11, 3 + j)
        case_statistic_record(
            case_ref=200 + j,
            referred_on=referred,
            target_group="youth_at_risk",
            municipality_id=ELSEWHERE,
            referring_party_id=ggz,
            triage_decided_on=date(2025, 11, 10),
            admitted=True,
            decision="process_direction_house",
            decision_on=date(2025, 12, 1),
            phase_history=[
                ("triage", _d(referred, 2)),
                ("preparation", date(2025, 11, 10)),
                ("case_conference", date(2025, 12, 1)),
                ("mdo", date(2025, 12, 1)),
                ("execution", date(2025, 12, 15)),
                ("closure", date(2026, 2, 20)),
                ("closed", date(2026, 3, 1)),
            ],
            closed_on=date(2026, 3, 1),
            closed_successfully=j != 2,
        )
    return {"zwolle": zwolle, "elsewhere": ELSEWHERE, "police": police, "ggz": ggz}
