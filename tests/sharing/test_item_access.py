"""Who reads an item: the selector filter and the case page's item list agree with
domain.policy.decide_item."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.accounts.services import user_ensure
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.domain.policy import ItemAction, decide_item
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.sharing.models import EmergencyAccess, InformationItem, Release
from schakel.sharing.selectors import case_items_for, item_facts, item_visibility_q
from tests.cases.conftest import refer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", range(4))
def test_item_filter_agrees_with_decide_item(
    seed, kees, daan, olaf, anouk, sanne, pieter, marloes, wim, rik, house
) -> None:
    rng = random.Random(seed)
    bram = user_ensure(
        username="bram",
        party=house["house"],
        first_name="Bram",
        last_name="Kok",
        email="bram@example.invalid",
        roles=[Role.process_director],
        password="een-lang-testwachtwoord",
    )
    people = [kees, daan, olaf, anouk, bram, sanne, pieter, marloes, wim, rik]
    parties = [house[k] for k in ("police", "ggz", "zwolle", "outsider", "reclassering", "house")]
    now = timezone.now()
    for _ in range(6):
        case = refer(kees, house)
        CaseParty.objects.filter(case=case).delete()
        for party in parties[:-1]:
            if rng.random() < 0.5:
                CaseParty.objects.create(
                    case=case,
                    party=party,
                    relation=rng.choice(list(CaseRelationKind)),
                    justification="j",
                    added_by=anouk,
                    added_at=now,
                    removed_at=now if rng.random() < 0.2 else None,
                )
        case.case_director = rng.choice([None, rik, daan])
        case.process_director = rng.choice([None, anouk, bram])
        case.phase = rng.choice(list(Phase))
        case.save()
        for director in (anouk, bram):
            if rng.random() < 0.3:
                EmergencyAccess.objects.create(
                    case=case,
                    user=director,
                    reason="Spoed: crisis gemeld buiten kantooruren.",
                    granted_at=now,
                    expires_at=now + timedelta(hours=rng.choice([-1, 4])),
                )
        for _ in range(3):
            provider = rng.choice(parties)
            item = InformationItem.objects.create(
                case=case,
                providing_party=provider,
                author=anouk,
                created_at=now,
                phase=case.phase,
                kind="fact",
                regime="avg",
                title="t",
                content="c",
                withdrawn_at=now if rng.random() < 0.2 else None,
            )
            for party in parties:
                if rng.random() < 0.4:
                    Release.objects.create(
                        item=item,
                        recipient_party=party,
                        purpose=rng.choice(["pre_conference", "conference", "plan"]),
                        state=rng.choice(["proposed", "approved", "refused", "withdrawn"]),
                        proposed_by=anouk,
                        proposed_at=now,
                    )
    case_item_ids: dict[int, set[int]] = {}
    for pk, case_id in InformationItem.objects.values_list("pk", "case_id"):
        case_item_ids.setdefault(case_id, set()).add(pk)
    for user in people:
        actor = actor_for(user)
        listed = set(
            InformationItem.objects.filter(item_visibility_q(actor)).values_list("pk", flat=True)
        )
        expected = {
            i.pk
            for i in InformationItem.objects.select_related("case").prefetch_related(
                "case__parties"
            )
            if decide_item(actor, item_facts(actor, i), ItemAction.read).allowed
        }
        assert listed == expected, user.username
        # The case page judges one case's items with decide_item itself: the same items.
        for case in Case.objects.prefetch_related("parties"):
            rows = case_items_for(actor=actor, case=case).rows
            on_page = {row.item.pk for row in rows}
            assert on_page == {pk for pk in expected if pk in case_item_ids[case.pk]}, (
                user.username,
                case.pk,
            )
