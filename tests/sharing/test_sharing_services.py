"""The sharing services: a party sees an item only after release and loses it on withdrawal."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import CaseParty, CaseSubject
from schakel.parties.models import Covenant
from schakel.parties.services import membership_end
from schakel.sharing import services
from schakel.sharing.models import InformationItem, ReleaseState
from schakel.sharing.selectors import item_get_for
from tests.sharing.conftest import CTX, approve, fresh_user, propose

pytestmark = pytest.mark.django_db


def sees(user, item) -> bool:
    return item_get_for(actor=actor_for(fresh_user(user)), ctx=CTX, item_id=item.pk) is not None


def test_item_add_records_provenance_and_encrypts_the_content(item, daan, house, case) -> None:
    assert item.providing_party == house["ggz"] and item.author == daan
    assert item.phase == case.phase and item.regime == "medical_secrecy"
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM sharing_informationitem WHERE id = %s", [item.pk])
        raw = cursor.fetchone()[0]
    assert raw.startswith("enc1:") and "verslaving" not in raw
    assert InformationItem.objects.get(pk=item.pk).content.startswith("In behandeling")
    created = AuditEvent.objects.filter(action="create", object_type="information_item")
    assert created.count() == 1 and created.get().object_id == str(item.pk)


def test_item_add_validates(add_item, daan) -> None:
    with pytest.raises(InvalidInput) as exc:
        add_item(daan, title=" ", content="", kind="x", regime="y")
    assert set(exc.value.errors) == {"title", "content", "kind", "regime"}
    assert not InformationItem.objects.exists()


@pytest.mark.parametrize("who", ["olaf", "pieter", "marloes", "rik"])
def test_only_involved_parties_and_house_staff_add(who, add_item, request) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(CaseNotFound):
        add_item(user)
    assert AuditEvent.objects.filter(action="denied", object_type="case").count() == 1


def test_house_staff_adds_as_the_house(add_item, anouk, house) -> None:
    assert add_item(anouk).providing_party == house["house"]


def test_release_journey(item, daan, kees, anouk, house) -> None:
    assert sees(daan, item) and sees(anouk, item)
    assert not sees(kees, item)
    release = propose(anouk, item, house["police"])
    assert release.state == ReleaseState.proposed
    assert not sees(kees, item)
    approve(daan, release)
    assert sees(kees, item)
    services.release_withdraw(
        actor=actor_for(daan), ctx=CTX, release_id=release.pk, reason="Niet meer nodig."
    )
    assert not sees(kees, item)


def test_refusal_needs_a_reason_and_keeps_it_hidden(item, daan, kees, anouk, house) -> None:
    release = propose(anouk, item, house["police"])
    with pytest.raises(InvalidInput):
        services.release_decide(
            actor=actor_for(daan), ctx=CTX, release_id=release.pk, approve=False, reason=""
        )
    services.release_decide(
        actor=actor_for(daan), ctx=CTX, release_id=release.pk, approve=False, reason="Medisch."
    )
    release.refresh_from_db()
    assert release.state == ReleaseState.refused and release.reason == "Medisch."
    assert not sees(kees, item)
    with pytest.raises(CaseForbidden):
        approve(daan, release)


def test_only_the_process_director_proposes(item, daan, kees, house) -> None:
    with pytest.raises(CaseForbidden):
        propose(daan, item, house["police"])
    with pytest.raises(CaseNotFound):
        propose(kees, item, house["police"])
    assert AuditEvent.objects.filter(action="denied").count() == 2


def test_proposal_only_to_an_involved_other_party(item, anouk, house) -> None:
    with pytest.raises(InvalidInput):
        propose(anouk, item, house["outsider"])
    with pytest.raises(InvalidInput):
        propose(anouk, item, house["ggz"])
    propose(anouk, item, house["police"])
    with pytest.raises(InvalidInput):
        propose(anouk, item, house["police"])
    propose(anouk, item, house["police"], purpose="conference")


def test_only_the_providing_party_decides(item, kees, anouk, house) -> None:
    release = propose(anouk, item, house["police"])
    with pytest.raises(CaseNotFound):
        approve(kees, release)  # cannot even see the item
    with pytest.raises(CaseForbidden):
        approve(anouk, release)  # sees it, but is not the controller
    assert AuditEvent.objects.filter(action="denied", object_type="release").count() == 2


def test_removing_the_party_ends_access_at_once(item, daan, kees, anouk, house, case) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    assert sees(kees, item)
    CaseParty.objects.filter(case=case, party=house["police"]).update(removed_at=timezone.now())
    # kees referred the case: the referrer row is what involved the police
    assert not sees(kees, item)


def test_a_party_that_left_the_covenant_sees_nothing(item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    membership_end(
        party=house["police"],
        covenant=Covenant.objects.get(),
        on=timezone.localdate(),
        reason="Opgezegd.",
    )
    assert not sees(kees, item)


def test_closed_case_is_read_only_and_narrowed(item, daan, kees, anouk, house, case) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    case.phase = "closed"
    case.save()
    assert sees(daan, item) and sees(anouk, item)
    assert not sees(kees, item)
    with pytest.raises(CaseForbidden):
        propose(anouk, item, house["police"], purpose="plan")


def test_withdrawn_item_only_for_its_provider(item, daan, kees, anouk, house) -> None:
    approve(daan, propose(anouk, item, house["police"]))
    InformationItem.objects.filter(pk=item.pk).update(withdrawn_at=timezone.now())
    assert sees(daan, item)
    assert not sees(kees, item) and not sees(anouk, item)


def test_consent_for_a_third_party(item, daan, anouk) -> None:
    consent = services.consent_record(
        actor=actor_for(daan),
        ctx=CTX,
        item_id=item.pk,
        recipient="Huisarts",
        document_reference="Brief 2026-11-02",
        consent_given_on=date(2026, 11, 2),
    )
    assert consent.recorded_by == daan
    with pytest.raises(CaseForbidden):
        services.consent_record(
            actor=actor_for(anouk),
            ctx=CTX,
            item_id=item.pk,
            recipient="Huisarts",
            document_reference="x",
            consent_given_on=date(2026, 11, 2),
        )
    with pytest.raises(InvalidInput):
        services.consent_record(
            actor=actor_for(daan),
            ctx=CTX,
            item_id=item.pk,
            recipient="",
            document_reference="",
            consent_given_on=None,
        )


def test_one_read_event_per_subject_with_all_fields(item, daan, kees, anouk, house, case) -> None:
    from schakel.cases.models import Subject

    extra = Subject.objects.create(
        first_name="Anna", last_name="de Vries", date_of_birth=date(2003, 1, 2)
    )
    CaseSubject.objects.create(case=case, subject=extra, relation="family_member")
    approve(daan, propose(anouk, item, house["police"]))
    before = AuditEvent.objects.order_by("-id").first().id
    assert sees(kees, item)
    reads = list(AuditEvent.objects.filter(id__gt=before))
    assert len(reads) == 2
    assert len({r.subject_pseudonym for r in reads}) == 2
    for r in reads:
        assert r.action == "read" and r.outcome == "allowed"
        assert r.object_type == "information_item" and r.object_id == str(item.pk)
        assert r.user_id == kees.pk and r.party_id == house["police"].pk
        assert r.role == "partner_delegate"
        assert r.purpose == "Art. 17.2 lezen voor de casustafel"
        assert r.subject_pseudonym and r.request_id and r.occurred_at


def test_a_denied_read_is_logged(item, kees) -> None:
    assert not sees(kees, item)
    denied = AuditEvent.objects.get(action="denied")
    assert denied.object_type == "information_item" and denied.object_id == str(item.pk)
    assert denied.user_id == kees.pk and denied.outcome == "denied"
    assert not AuditEvent.objects.filter(action="read", user_id=kees.pk).exists()
