"""The demo holds a planned weekly case conference with the waiting cases, and one held
conference with minutes and a decision."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from schakel.domain.workflow import Phase
from schakel.meetings.models import AgendaItem, Meeting, MeetingStatus, Minutes

pytestmark = pytest.mark.django_db


def test_the_demo_meetings() -> None:
    call_command("load_demo", verbosity=0)
    weekly = Meeting.objects.filter(title="Regionale Casustafel IJsselland").order_by("starts_at")
    assert weekly.count() == 4 and len({m.series for m in weekly}) == 1
    first = weekly.first()
    assert first is not None and first.status == MeetingStatus.planned
    phases = set(AgendaItem.objects.filter(meeting=first).values_list("case__phase", flat=True))
    assert phases == {Phase.preparation, Phase.case_conference}
    held = Meeting.objects.get(status=MeetingStatus.held)
    item = AgendaItem.objects.get(meeting=held)
    assert item.outcome == "process_direction_house" and item.case.phase == Phase.mdo
    assert Minutes.objects.get(item=item).text
    call_command("load_demo", verbosity=0)
    assert Meeting.objects.count() == 5
