"""The services of the requests register: record, handle, extend, decide, route, inform."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from schakel.audit.models import AuditEvent
from schakel.audit.record import subject_pseudonym
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.rights import selectors, services
from schakel.rights.models import (
    Rectification,
    RequestNote,
    RequestStatus,
    SubjectInforming,
    SubjectRequest,
)
from tests.rights.conftest import CTX, Family, act

pytestmark = pytest.mark.django_db


def _record(user, family: Family, kind: str = "access", **kw) -> SubjectRequest:
    data = {
        "subject_id": family.jeroen.pk,
        "kind": kind,
        "received_on": date(2026, 1, 31),
        "description": "Wil weten wat er over hem is vastgelegd.",
    }
    data.update(kw)
    return services.request_record(actor=act(user), ctx=CTX, **data)


@time_machine.travel(date(2026, 2, 10), tick=False)
def test_recording_sets_the_one_month_deadline_and_audits(ilse, family: Family) -> None:
    request = _record(ilse, family)
    assert request.deadline == date(2026, 3, 2)  # 28 February 2026 is a Saturday
    assert request.subject_id == family.jeroen.pk and request.status == RequestStatus.received
    event = AuditEvent.objects.filter(object_type="subject_request", action="create").get()
    assert event.subject_pseudonym == subject_pseudonym(family.jeroen.pk)
    assert event.user_id == ilse.pk and "access" in event.purpose
    assert "Wil weten" not in event.purpose  # the person's words never go into the log


def test_a_request_on_a_later_row_hangs_on_the_person_anchor(ilse, family: Family) -> None:
    later_row = family.second.case_subjects.get().subject
    assert later_row.pk != family.jeroen.pk
    request = _record(ilse, family, subject_id=later_row.pk)
    assert request.subject_id == family.jeroen.pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "complaint"}, "kind"),
        ({"received_on": None}, "received_on"),
        ({"received_on": date(2099, 1, 1)}, "received_on"),
        ({"description": "  "}, "description"),
    ],
)
def test_bad_input_saves_nothing(ilse, family: Family, overrides, field) -> None:
    with pytest.raises(InvalidInput) as caught:
        _record(ilse, family, **overrides)
    assert field in caught.value.errors
    assert not SubjectRequest.objects.exists()


@pytest.mark.parametrize("who", ["anouk", "kees", "olaf"])
def test_others_cannot_record(request, who, family: Family) -> None:
    with pytest.raises(CaseNotFound):
        _record(request.getfixturevalue(who), family)
    assert not SubjectRequest.objects.exists()
    assert AuditEvent.objects.filter(action="denied", object_type="subject").exists()


def test_a_note_puts_the_request_in_progress(pieter, ilse, family: Family) -> None:
    request = _record(ilse, family)
    services.request_note_add(actor=act(pieter), ctx=CTX, request_id=request.pk, text="Gebeld.")
    request.refresh_from_db()
    assert request.status == RequestStatus.in_progress
    assert RequestNote.objects.get().text == "Gebeld."
    with pytest.raises(InvalidInput):
        services.request_note_add(actor=act(ilse), ctx=CTX, request_id=request.pk, text=" ")


def test_extension_once_with_reason(ilse, family: Family) -> None:
    today = timezone.localdate()
    request = _record(ilse, family, received_on=today)
    with pytest.raises(InvalidInput) as caught:
        services.request_extend(
            actor=act(ilse), ctx=CTX, request_id=request.pk, months=2, reason=""
        )
    assert "reason" in caught.value.errors
    services.request_extend(
        actor=act(ilse), ctx=CTX, request_id=request.pk, months=2, reason="Vier partijen."
    )
    request.refresh_from_db()
    assert request.extended_deadline is not None
    assert request.extended_deadline > request.deadline + timedelta(days=55)
    assert request.extension_reason == "Vier partijen."
    with pytest.raises(CaseForbidden):
        services.request_extend(
            actor=act(ilse), ctx=CTX, request_id=request.pk, months=1, reason="Nog eens."
        )


def test_no_extension_after_the_first_month(ilse, family: Family) -> None:
    request = _record(ilse, family, received_on=timezone.localdate() - timedelta(days=40))
    with pytest.raises(CaseForbidden) as caught:
        services.request_extend(
            actor=act(ilse), ctx=CTX, request_id=request.pk, months=1, reason="Te laat."
        )
    assert caught.value.code == "first_month_passed"


def test_a_refusal_records_its_grounds(ilse, family: Family) -> None:
    request = _record(ilse, family, kind="erasure")
    with pytest.raises(InvalidInput) as caught:
        services.request_decide(
            actor=act(ilse), ctx=CTX, request_id=request.pk, outcome="refused", grounds=""
        )
    assert "grounds" in caught.value.errors
    with pytest.raises(InvalidInput):  # an erasure decision always has grounds
        services.request_decide(
            actor=act(ilse), ctx=CTX, request_id=request.pk, outcome="granted", grounds=""
        )
    services.request_decide(
        actor=act(ilse),
        ctx=CTX,
        request_id=request.pk,
        outcome="refused",
        grounds="Lopend strafrechtelijk onderzoek (AVG Art. 17.3b).",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.completed and request.outcome == "refused"
    assert request.decided_by_id == ilse.pk
    with pytest.raises(CaseForbidden):  # completed: nothing changes any more
        services.request_note_add(actor=act(ilse), ctx=CTX, request_id=request.pk, text="x")


def test_the_menu_answer_is_kept_a_minute_per_party(
    ilse, kees, family: Family, django_assert_num_queries
) -> None:
    """The menu item's query runs once a minute per party and process (issue #9); a row that
    came another way than `rectification_route` (another process) shows within the minute."""
    police = act(kees)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert not selectors.may_see_rectifications(police)
        with django_assert_num_queries(0):
            assert not selectors.may_see_rectifications(police)
        Rectification.objects.create(
            request=_record(ilse, family, kind="rectification"),
            item=family.police_item,
            party_id=kees.party_id,
            question="Klopt dit?",
            routed_by=ilse,
            routed_at=timezone.now(),
        )
        assert not selectors.may_see_rectifications(police)  # kept
        clock.shift(selectors.RECTIFICATIONS_FRESH_SECONDS + 1)
        assert selectors.may_see_rectifications(police)


def test_rectification_goes_to_the_providing_party(
    ilse, kees, daan, family: Family, django_capture_on_commit_callbacks
) -> None:
    request = _record(ilse, family, kind="rectification")
    assert not selectors.may_see_rectifications(act(kees))  # no menu before anything is routed
    with pytest.raises(InvalidInput):  # an item of another person's case is not offered
        services.rectification_route(
            actor=act(ilse),
            ctx=CTX,
            request_id=request.pk,
            item_ids=[family.police_item.pk, 10**9],
            question="x",
        )
    with django_capture_on_commit_callbacks(execute=True):  # as the request's commit would
        services.rectification_route(
            actor=act(ilse),
            ctx=CTX,
            request_id=request.pk,
            item_ids=[family.police_item.pk, family.ggz_item.pk],
            question="De tweede aanhouding klopt niet.",
        )
    rows = {r.party_id: r for r in Rectification.objects.all()}
    assert set(rows) == {family.police_item.providing_party_id, family.ggz_item.providing_party_id}
    # The menu item appears for the parties asked once the routing committed (its answer is
    # kept a minute; its query is compiled once: core.sql).
    assert selectors.may_see_rectifications(act(kees)) and selectors.may_see_rectifications(
        act(daan)
    )
    assert not selectors.may_see_rectifications(act(ilse))
    # The police see only their own; GGZ cannot answer the police one.
    assert [r.pk for r in selectors.rectifications_for_party(actor=act(kees))] == [
        rows[kees.party_id].pk
    ]
    with pytest.raises(CaseNotFound):
        services.rectification_answer(
            actor=act(daan),
            ctx=CTX,
            rectification_id=rows[kees.party_id].pk,
            answer="corrected",
            note="x",
        )
    with pytest.raises(CaseForbidden):  # not every party answered yet
        services.request_decide(
            actor=act(ilse), ctx=CTX, request_id=request.pk, outcome="granted", grounds=""
        )
    for user in (kees, daan):
        services.rectification_answer(
            actor=act(user),
            ctx=CTX,
            rectification_id=rows[user.party_id].pk,
            answer="corrected" if user == kees else "refused",
            note="Aangepast." if user == kees else "Klopt wel; toelichting toegevoegd.",
        )
    with pytest.raises(CaseForbidden):  # answered once
        services.rectification_answer(
            actor=act(kees),
            ctx=CTX,
            rectification_id=rows[kees.party_id].pk,
            answer="refused",
            note="x",
        )
    services.request_decide(
        actor=act(ilse),
        ctx=CTX,
        request_id=request.pk,
        outcome="partially_granted",
        grounds="GGZ handhaaft haar informatie.",
    )
    steps = list(
        AuditEvent.objects.filter(object_type="subject_request", action="update").values_list(
            "purpose", flat=True
        )
    )
    assert any("rectification answered: corrected" in s for s in steps)


def test_only_a_rectification_request_is_routed(ilse, family: Family) -> None:
    request = _record(ilse, family, kind="access")
    with pytest.raises(CaseForbidden):
        services.rectification_route(
            actor=act(ilse),
            ctx=CTX,
            request_id=request.pk,
            item_ids=[family.police_item.pk],
            question="x",
        )


def test_informing_per_person(ilse, family: Family) -> None:
    today = timezone.localdate()
    with pytest.raises(InvalidInput) as caught:
        services.informing_record(
            actor=act(ilse),
            ctx=CTX,
            subject_id=family.jeroen.pk,
            state="postponed",
            informed_on=None,
            postponed_reason="",
            review_on=None,
        )
    assert set(caught.value.errors) == {"postponed_reason", "review_on"}
    assert not SubjectInforming.objects.exists()
    services.informing_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.second.case_subjects.get().subject_id,  # another row, same person
        state="postponed",
        informed_on=None,
        postponed_reason="Lopend strafrechtelijk onderzoek.",
        review_on=today + timedelta(days=90),
    )
    row = SubjectInforming.objects.get()
    assert row.subject_id == family.jeroen.pk and row.state == "postponed"
    services.informing_record(
        actor=act(ilse),
        ctx=CTX,
        subject_id=family.jeroen.pk,
        state="informed",
        informed_on=today,
        postponed_reason="stale",
        review_on=today,
    )
    row.refresh_from_db()
    assert (row.state, row.informed_on, row.postponed_reason, row.review_on) == (
        "informed",
        today,
        "",
        None,
    )


def test_finding_a_person_logs_every_row(ilse, kees, family: Family) -> None:
    found = selectors.person_find(actor=act(ilse), ctx=CTX, bsn="999990019")
    assert found is not None and len(found) == 1
    assert found[0].anchor.pk == family.jeroen.pk and len(found[0].rows) == 2
    reads = AuditEvent.objects.filter(object_type="subject", action="read", user_id=ilse.pk)
    assert set(reads.values_list("subject_pseudonym", flat=True)) == set(found[0].pseudonyms)
    by_name = selectors.person_find(
        actor=act(ilse), ctx=CTX, last_name="DE VRIES", date_of_birth=date(2013, 5, 9)
    )
    assert by_name is not None and [p.anchor.pk for p in by_name] == [family.mila.pk]
    assert selectors.person_find(actor=act(kees), ctx=CTX, bsn="999990019") is None


def test_the_register_is_ordered_by_deadline_and_filtered(ilse, family: Family) -> None:
    late = _record(ilse, family, received_on=date(2026, 1, 5))
    early = _record(ilse, family, kind="erasure", received_on=date(2025, 12, 1))
    page = selectors.request_list_for(
        actor=act(ilse), ctx=CTX, filters=selectors.RequestFilters(), limit=1
    )
    assert page is not None and [r.pk for r in page.rows] == [early.pk]
    page = selectors.request_list_for(
        actor=act(ilse), ctx=CTX, filters=selectors.RequestFilters(), after=page.next_after
    )
    assert page is not None and [r.pk for r in page.rows] == [late.pk] and not page.next_after
    kinds = selectors.request_list_for(
        actor=act(ilse), ctx=CTX, filters=selectors.RequestFilters(kind="access")
    )
    assert kinds is not None and [r.pk for r in kinds.rows] == [late.pk]


def test_the_privacy_officer_pauses_deletion_of_the_persons_cases(
    pieter, ilse, family: Family
) -> None:
    from schakel.retention.models import LegalHold

    request = _record(ilse, family, received_on=timezone.localdate())
    with pytest.raises(CaseForbidden):  # only the privacy officer places a legal hold
        services.request_hold_place(actor=act(ilse), ctx=CTX, request_id=request.pk)
    assert not LegalHold.objects.exists()
    placed = services.request_hold_place(actor=act(pieter), ctx=CTX, request_id=request.pk)
    holds = LegalHold.objects.all()
    assert placed == 2
    assert {h.case_id for h in holds} == {family.case.pk, family.second.pk}  # not Sem's case
    assert all(h.until == request.deadline + timedelta(weeks=6) for h in holds)
    assert all(f"nr. {request.pk}" in h.reason for h in holds)
    # Again: the cases are held already, nothing new, no error.
    assert services.request_hold_place(actor=act(pieter), ctx=CTX, request_id=request.pk) == 0
    assert LegalHold.objects.count() == 2
