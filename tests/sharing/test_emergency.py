"""Break-the-glass (issue #4 item 5) and the narrowed process director (the lead's decision).

``case`` is directed by anouk; bram is another process director of the house.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases.errors import CaseNotFound, InvalidInput
from schakel.cases.list_selectors import case_list_for
from schakel.cases.selectors import case_get_for
from schakel.domain.workflow import Phase
from schakel.sharing import emergency
from schakel.sharing.models import EmergencyAccess
from schakel.sharing.selectors import item_get_for
from tests.sharing.conftest import CTX, fresh_user, refer

pytestmark = pytest.mark.django_db

REASON = "Politie meldt acute dreiging; procesregisseur is vandaag niet bereikbaar."


def _open(user, number, reason=REASON):  # type: ignore[no-untyped-def]
    return emergency.emergency_access_open(
        actor=actor_for(fresh_user(user)), ctx=CTX, case_number=number, reason=reason
    )


def _listed(user) -> set[int]:  # type: ignore[no-untyped-def]
    page = case_list_for(actor=actor_for(fresh_user(user)), ctx=CTX, limit=100)
    return {c.pk for c in page.items}


# --------------------------------------------------------------------------- the narrowed rule


def test_process_director_sees_own_cases_and_the_intake_queue_only(
    case, anouk, bram, kees, house
) -> None:
    queue = refer(kees, house)  # no process director yet, phase referral
    assert _listed(anouk) == {case.pk, queue.pk}
    assert _listed(bram) == {queue.pk}
    assert case_get_for(actor=actor_for(bram), case_id=case.pk, ctx=CTX) is None
    assert case_get_for(actor=actor_for(bram), case_id=queue.pk, ctx=CTX) is not None
    # Out of the intake phases, an unassigned case is no longer in the queue.
    queue.phase = Phase.preparation
    queue.save()
    assert _listed(bram) == set()


def test_the_intake_queue_does_not_open_the_items(case, item, bram) -> None:
    case.process_director = None
    case.save()
    assert case_get_for(actor=actor_for(bram), case_id=case.pk, ctx=CTX) is not None
    assert item_get_for(actor=actor_for(bram), ctx=CTX, item_id=item.pk) is None


def test_secretary_keeps_house_wide_access(case, sanne) -> None:
    assert case_get_for(actor=actor_for(sanne), case_id=case.pk, ctx=CTX) is not None


# --------------------------------------------------------------------------- the service


def test_a_short_reason_is_refused_and_hides_whether_the_case_exists(case, bram) -> None:
    answers = []
    for number in (case.number, "ZVH-1999-9999"):
        with pytest.raises(InvalidInput) as refused:
            _open(bram, number, reason="even kijken")
        answers.append(refused.value.errors)
    assert answers[0] == answers[1]
    assert set(answers[0]) == {"reason"}
    assert "minstens 30 tekens" in answers[0]["reason"][0]
    assert not EmergencyAccess.objects.exists() and mail.outbox == []


def test_with_a_valid_reason_a_missing_case_is_named(bram) -> None:
    with pytest.raises(InvalidInput) as refused:
        _open(bram, "ZVH-1999-9999")
    assert refused.value.errors == {"case_number": ["Er bestaat geen casus met dit nummer."]}
    denied = AuditEvent.objects.get(action="denied")
    assert denied.purpose == "break_the_glass" and denied.user_id == bram.pk


def test_grant_is_time_boxed_logged_and_notified(
    case, item, bram, anouk, pieter, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SCHAKEL_EMERGENCY_ACCESS_HOURS = 2
    with django_capture_on_commit_callbacks(execute=True):
        opened = _open(bram, f"  {case.number.lower()} ")
    grant = opened.grant
    assert grant is not None and opened.case == case
    assert grant.expires_at - grant.granted_at == timedelta(hours=2)
    assert EmergencyAccess.objects.get().reason == REASON
    event = AuditEvent.objects.get(object_type="emergency_access")
    assert event.purpose.startswith("break_the_glass: noodtoegang 2 uur, reden sha256 ")
    assert event.user_id == bram.pk and event.subject_pseudonym
    # Mailed (once the transaction committed) to the privacy officer and the case's director,
    # without the reason (it may describe the person).
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([anouk.email, pieter.email])
    assert case.number in message.subject and REASON not in message.body
    # Now the case and its items open, and every read carries the ground.
    actor = actor_for(fresh_user(bram))
    assert case_get_for(actor=actor, case_id=case.pk, ctx=CTX) is not None
    assert item_get_for(actor=actor, ctx=CTX, item_id=item.pk) is not None
    reads = AuditEvent.objects.filter(action="read", user_id=bram.pk)
    assert {e.object_type for e in reads} == {"case", "information_item"}
    assert {e.purpose for e in reads} == {"break_the_glass"}
    assert case.pk in _listed(bram)


def test_the_grant_ends_by_itself(case, bram) -> None:
    _open(bram, case.number)
    later = timezone.now() + timedelta(hours=4, minutes=1)
    with time_machine.travel(later):
        assert case_get_for(actor=actor_for(fresh_user(bram)), case_id=case.pk, ctx=CTX) is None
        assert case.pk not in _listed(bram)


def test_no_grant_when_the_director_may_already_open_the_case(case, anouk) -> None:
    opened = _open(anouk, case.number)
    assert opened.grant is None and not EmergencyAccess.objects.exists()


def test_only_a_process_director_may_break_the_glass(case, kees, sanne) -> None:
    for user in (kees, sanne):
        with pytest.raises(CaseNotFound):
            _open(user, case.number)
    assert not EmergencyAccess.objects.exists()
    assert AuditEvent.objects.filter(action="denied", object_type="emergency_access").count() == 2


def test_the_privacy_officer_reviews(case, bram, pieter, kees) -> None:
    grant = _open(bram, case.number).grant
    assert grant is not None
    officer = actor_for(pieter)
    page = emergency.emergency_overview(actor=officer, ctx=CTX)
    assert page is not None and [g.pk for g in page.grants] == [grant.pk]
    assert AuditEvent.objects.filter(
        action="read", object_type="emergency_access_overview", user_id=pieter.pk
    ).exists()
    with pytest.raises(InvalidInput):
        emergency.emergency_access_review(actor=officer, ctx=CTX, grant_id=grant.pk, remark=" ")
    emergency.emergency_access_review(
        actor=officer, ctx=CTX, grant_id=grant.pk, remark="Terecht: acute dreiging."
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == pieter and grant.review_remark == "Terecht: acute dreiging."
    reviewed = emergency.emergency_overview(actor=officer, ctx=CTX)
    assert reviewed is not None and reviewed.grants == []
    everything = emergency.emergency_overview(actor=officer, ctx=CTX, open_only=False)
    assert everything is not None and len(everything.grants) == 1
    assert emergency.emergency_overview(actor=actor_for(kees), ctx=CTX) is None
    with pytest.raises(CaseNotFound):
        emergency.emergency_access_review(
            actor=actor_for(kees), ctx=CTX, grant_id=grant.pk, remark="x"
        )


# --------------------------------------------------------------------------- the screens


def test_the_form_reason_first_then_the_case(login_client, case, bram, kees) -> None:
    client = login_client(bram)
    listing = client.get("/casussen/")
    assert 'data-testid="emergency-link"' in listing.content.decode()
    assert client.get("/informatie/noodtoegang/").status_code == 200
    short = client.post(
        "/informatie/noodtoegang/", {"case_number": case.number, "reason": "even kijken"}
    )
    assert short.status_code == 400
    assert "minstens 30 tekens" in short.content.decode()
    assert not EmergencyAccess.objects.exists()
    missing = client.post(
        "/informatie/noodtoegang/", {"case_number": "ZVH-1999-9999", "reason": REASON}
    )
    assert missing.status_code == 400
    assert "Er bestaat geen casus met dit nummer." in missing.content.decode()
    ok = client.post("/informatie/noodtoegang/", {"case_number": case.number, "reason": REASON})
    assert ok.status_code == 302 and ok["Location"] == f"/casussen/{case.pk}/"
    page = client.get(ok["Location"])
    assert page.status_code == 200 and 'data-testid="emergency-grant"' in page.content.decode()
    # A delegate has neither the link nor the form.
    other = login_client(kees)
    assert 'data-testid="emergency-link"' not in other.get("/casussen/").content.decode()
    assert other.get("/informatie/noodtoegang/").status_code == 404


def test_the_overview_and_review_screens(login_client, case, bram, pieter, anouk) -> None:
    grant = _open(bram, case.number).grant
    assert grant is not None
    officer = login_client(pieter)
    page = officer.get("/informatie/noodtoegang/overzicht/")
    body = page.content.decode()
    assert page.status_code == 200 and case.number in body and REASON in body
    bad = officer.post(
        f"/informatie/noodtoegang/{grant.pk}/beoordelen/", {f"r{grant.pk}-remark": ""}
    )
    assert bad.status_code == 400 and "utrecht-form-field--invalid" in bad.content.decode()
    ok = officer.post(
        f"/informatie/noodtoegang/{grant.pk}/beoordelen/",
        {f"r{grant.pk}-remark": "Terecht gebruikt."},
    )
    assert ok.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_at is not None
    for user in (anouk, bram):
        assert login_client(user).get("/informatie/noodtoegang/overzicht/").status_code == 404
