"""Who sees a case: the selector filter agrees with domain.policy.decide, and invisible = 404."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.accounts.services import user_ensure
from schakel.audit.models import AuditEvent
from schakel.cases.list_selectors import case_list_for
from schakel.cases.models import Case, CaseParty, CaseRelationKind
from schakel.cases.selectors import case_get_for, relation_for
from schakel.domain.policy import CaseAction, decide
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase
from schakel.sharing.models import EmergencyAccess
from tests.cases.conftest import CTX, refer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", range(4))
def test_selector_filter_agrees_with_decide(
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
    parties = [house[k] for k in ("police", "ggz", "zwolle", "outsider", "reclassering")]
    now = timezone.now()
    for _ in range(12):
        case = refer(kees, house)
        CaseParty.objects.filter(case=case).delete()
        for party in parties:
            for relation in CaseRelationKind:
                if rng.random() < 0.15:
                    CaseParty.objects.create(
                        case=case,
                        party=party,
                        relation=relation,
                        justification="j",
                        added_by=anouk,
                        added_at=now,
                        removed_at=now if rng.random() < 0.3 else None,
                    )
        case.case_director = rng.choice([None, rik, daan, kees])
        if case.case_director is not None and rng.random() < 0.8:
            # The services keep the case director's party involved (plan.case_director_assign);
            # now and then it is not, and then neither the filter nor decide lets them in.
            CaseParty.objects.get_or_create(
                case=case,
                party_id=case.case_director.party_id,
                relation=CaseRelationKind.case_director,
                removed_at=None,
                defaults={"justification": "j", "added_by": anouk, "added_at": now},
            )
        case.process_director = rng.choice([None, None, anouk, bram])
        case.phase = rng.choice(list(Phase))
        case.save()
        for director in (anouk, bram):
            if rng.random() < 0.25:
                # A break-the-glass grant: running, expired or ended early.
                state = rng.choice(["running", "expired", "ended"])
                EmergencyAccess.objects.create(
                    case=case,
                    user=director,
                    reason="Spoed: crisis gemeld door de politie buiten kantooruren.",
                    granted_at=now - timedelta(hours=5),
                    expires_at=now - timedelta(hours=1)
                    if state == "expired"
                    else now + timedelta(hours=3),
                    ended_at=now if state == "ended" else None,
                )
    for user in people:
        actor = actor_for(user)
        listed = {c.pk for c in case_list_for(actor=actor, ctx=CTX, limit=1000).items}
        expected = {
            c.pk
            for c in Case.objects.prefetch_related("parties")
            if decide(actor, relation_for(actor, c), CaseAction.read).allowed
        }
        assert listed == expected, user.username
    # The random house is not trivial: each rule both lets someone in and keeps someone out.
    pd_actor = actor_for(anouk)
    reasons = {
        decide(pd_actor, relation_for(pd_actor, c), CaseAction.read).reason
        for c in Case.objects.prefetch_related("parties")
    }
    assert "not_process_director_of_case" in reasons


def test_uninvolved_delegate_and_missing_case_look_the_same(kees, daan, house) -> None:
    case = refer(kees, house)
    assert case_get_for(actor=actor_for(daan), case_id=case.pk, ctx=CTX) is None
    assert case_get_for(actor=actor_for(daan), case_id=10**9, ctx=CTX) is None
    assert AuditEvent.objects.filter(action="denied").count() == 2
    got = case_get_for(actor=actor_for(kees), case_id=case.pk, ctx=CTX)
    assert got is not None
    reads = AuditEvent.objects.filter(action="read", object_type="case")
    assert reads.count() == 1 and reads.get().subject_pseudonym
    assert reads.get().purpose == "Art. 1.7 aanmelding"


def test_municipality_sees_its_case(kees, wim, house) -> None:
    case = refer(kees, house)
    assert case_get_for(actor=actor_for(wim), case_id=case.pk, ctx=CTX) == case
