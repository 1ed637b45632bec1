"""The meeting services: lawful invitations, the workflow moves through the case services,
minutes per item to that item's parties only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.cases.errors import CaseNotFound, InvalidInput
from schakel.cases.models import CaseParty, CaseRelationKind
from schakel.cases.services import ActionInput, GoalInput
from schakel.domain.workflow import Phase
from schakel.meetings import services
from schakel.meetings.models import Invitation, MeetingStatus, Minutes
from tests.cases.conftest import refer
from tests.meetings.conftest import CTX, add_item, fresh, invite, meeting_input

pytestmark = pytest.mark.django_db


def test_no_invitation_without_a_justification(sanne, meeting, waiting, house) -> None:
    case = waiting()
    item = add_item(sanne, meeting, case)
    with pytest.raises(InvalidInput) as refused:
        invite(sanne, item, house["police"], why="   ")
    assert "justification" in refused.value.errors
    assert not Invitation.objects.exists()
    assert not CaseParty.objects.filter(case=case, relation=CaseRelationKind.invited).exists()
    assert fresh(case).phase == Phase.preparation


def test_an_invitation_makes_the_party_involved_and_puts_the_case_on_the_table(
    sanne, meeting, waiting, house, kees, django_capture_on_commit_callbacks
) -> None:
    case = waiting()
    item = add_item(sanne, meeting, case)
    assert fresh(case).conference_date == timezone.localdate(meeting.starts_at)
    with django_capture_on_commit_callbacks(execute=True):
        invite(sanne, item, house["police"])
    row = CaseParty.objects.get(case=case, relation=CaseRelationKind.invited)
    assert row.party == house["police"] and row.justification == "Politie deed de aangifte."
    assert fresh(case).phase == Phase.case_conference
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kees@example.invalid"]


def test_removing_the_invitation_ends_the_partys_access(
    sanne, meeting, waiting, house, kees, django_capture_on_commit_callbacks
) -> None:
    case = waiting()
    item = add_item(sanne, meeting, case)
    invitation = invite(sanne, item, house["police"])
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_remove(
            actor=actor_for(sanne), ctx=CTX, item_id=item.pk, invitation_id=invitation.pk
        )
    assert not CaseParty.objects.filter(
        case=case, relation=CaseRelationKind.invited, removed_at__isnull=True
    ).exists()
    assert "METHOD:CANCEL" in str(mail.outbox[-1].attachments[0][1])


def test_a_delegate_cannot_plan_or_invite(kees, anouk, sanne, meeting, waiting, house) -> None:
    with pytest.raises(CaseNotFound):
        services.meeting_create(actor=actor_for(kees), ctx=CTX, data=meeting_input(anouk, sanne))
    item = add_item(sanne, meeting, waiting())
    with pytest.raises(CaseNotFound):
        services.invitation_add(
            actor=actor_for(kees),
            ctx=CTX,
            item_id=item.pk,
            party_id=house["police"].pk,
            justification="Eigen uitnodiging.",
        )


def test_a_title_with_a_case_number_is_refused(anouk, sanne) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.meeting_create(
            actor=actor_for(sanne),
            ctx=CTX,
            data=meeting_input(anouk, sanne, title="MDO ZVH-2026-0007"),
        )
    assert "title" in refused.value.errors


def test_a_weekly_series(anouk, sanne) -> None:
    meetings = services.meeting_create(
        actor=actor_for(sanne), ctx=CTX, data=meeting_input(anouk, sanne), repeat_weeks=3
    )
    assert len(meetings) == 4 and len({m.series for m in meetings}) == 1
    assert meetings[3].starts_at - meetings[0].starts_at == timedelta(weeks=3)
    assert len({m.uid for m in meetings}) == 4


def test_decisions_move_the_cases(agenda, sanne, anouk) -> None:
    _meeting, items = agenda
    decisions = ["process_direction_house", "scale_down", "zsm_advice"]
    targets = [Phase.mdo, Phase.closure, Phase.execution]
    for item, decision in zip(items, decisions, strict=True):
        services.item_decide(
            actor=actor_for(sanne),
            ctx=CTX,
            item_id=item.pk,
            decision=decision,
            motivation="Besproken aan tafel.",
        )
    assert [fresh(i.case).phase for i in items] == targets
    with pytest.raises(Exception):  # noqa: PT011 - recorded once
        services.item_decide(
            actor=actor_for(sanne), ctx=CTX, item_id=items[0].pk, decision="isd", motivation="x"
        )


def test_an_mdo_adopts_the_plan(anouk, sanne, rik, wim, house, reclassering, walker) -> None:
    case = walker.to_mdo(refer(wim, house))
    mdo = services.meeting_create(
        actor=actor_for(anouk), ctx=CTX, data=meeting_input(anouk, sanne, kind="mdo", title="MDO")
    )[0]
    item = add_item(sanne, mdo, case)
    invite(sanne, item, house["reclassering"], "Reclassering houdt toezicht.")
    due = timezone.localdate() + timedelta(days=30)
    services.item_adopt_plan(
        actor=actor_for(anouk),
        ctx=CTX,
        item_id=item.pk,
        plan=services.PlanInput(
            case_director_id=rik.pk,
            informer_party_id=house["reclassering"].pk,
            inform_on=timezone.localdate() + timedelta(days=2),
            inform_postponed_reason="",
            goals=[GoalInput("housing", "Een vaste woonplek.")],
            closure_criteria="Drie maanden stabiel wonen.",
            actions=[ActionInput("housing", "Woonplek zoeken", house["zwolle"].pk, due)],
        ),
    )
    case = fresh(case)
    assert case.phase == Phase.execution and case.case_director_id == rik.pk
    assert case.actions.get().description == "Woonplek zoeken"


def test_minutes_are_encrypted_and_go_only_to_that_items_parties(
    kees, daan, rik, agenda, sanne, django_capture_on_commit_callbacks
) -> None:
    _meeting, items = agenda
    mail.outbox.clear()
    services.minutes_save(
        actor=actor_for(sanne), ctx=CTX, item_id=items[1].pk, text="Dimence start behandeling."
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM meetings_minutes")
        assert "Dimence" not in cursor.fetchone()[0]
    with django_capture_on_commit_callbacks(execute=True):
        count = services.minutes_send(actor=actor_for(sanne), ctx=CTX, item_id=items[1].pk)
    assert count == 1
    assert [m.to for m in mail.outbox] == [["daan@example.invalid"]]
    _name, pdf, kind = mail.outbox[0].attachments[0]
    assert kind == "application/pdf" and pdf.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Vertrouwelijk" in text and "Dimence start behandeling." in text
    assert items[0].case.number not in text and items[1].case.number in text  # one item only
    assert Minutes.objects.get(item=items[1]).sent_at is not None


def test_cancel_and_held(meeting, sanne) -> None:
    services.meeting_cancel(actor=actor_for(sanne), ctx=CTX, meeting_id=meeting.pk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.cancelled and meeting.sequence == 1
    with pytest.raises(Exception):  # noqa: PT011
        services.meeting_mark_held(actor=actor_for(sanne), ctx=CTX, meeting_id=meeting.pk)
