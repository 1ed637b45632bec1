"""Fixtures for the meeting tests: cases waiting for a table and a planned conference.

``sanne`` is the conference secretary, ``anouk`` the process director who chairs; ``wim``
(Zwolle) referred the cases, so the police (``kees``) and GGZ (``daan``) see a case only when
invited for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.cases.models import Case
from schakel.meetings import services
from schakel.meetings.models import AgendaItem, Invitation, Meeting
from schakel.parties.models import Party
from tests.cases.conftest import (
    CTX,
    Walker,
    fresh,
    marloes,
    reclassering,
    refer,
    rik,
    sanne,
    walker,
    wim,
)

__all__ = ["CTX", "fresh", "marloes", "reclassering", "rik", "sanne", "walker", "wim"]


def meeting_input(anouk: User, sanne: User, **overrides: object) -> services.MeetingInput:
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    data: dict[str, object] = {
        "kind": "conference",
        "title": "Regionale Casustafel Zwolle",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "location": "Zorg- en Veiligheidshuis, Zwolle",
        "video_url": "",
        "chair_id": anouk.pk,
        "secretary_id": sanne.pk,
    }
    data.update(overrides)
    return services.MeetingInput(**data)  # type: ignore[arg-type]


@pytest.fixture
def waiting(wim: User, house: dict[str, Party], walker: Walker) -> Callable[..., Case]:
    """A case referred by Zwolle, admitted and waiting for a table (phase preparation)."""

    def make(**overrides: object) -> Case:
        return walker.to_preparation(refer(wim, house, **overrides))

    return make


@pytest.fixture
def meeting(anouk: User, sanne: User) -> Meeting:
    return services.meeting_create(
        actor=actor_for(sanne), ctx=CTX, data=meeting_input(anouk, sanne)
    )[0]


def add_item(
    sanne: User, meeting: Meeting, case: Case, goal: str = "Richting bepalen."
) -> AgendaItem:
    return services.agenda_item_add(
        actor=actor_for(sanne),
        ctx=CTX,
        meeting_id=meeting.pk,
        case_id=case.pk,
        goal=goal,
        decisions_needed="Wie voert de procesregie?",
        themes="Wonen, verslaving.",
    )


def invite(
    sanne: User, item: AgendaItem, party: Party, why: str = "Politie deed de aangifte."
) -> Invitation:
    return services.invitation_add(
        actor=actor_for(sanne), ctx=CTX, item_id=item.pk, party_id=party.pk, justification=why
    )


@pytest.fixture
def agenda(  # type: ignore[no-untyped-def]
    sanne,
    meeting,
    waiting,
    house,
    reclassering,
    kees,
    daan,
    rik,
    django_capture_on_commit_callbacks,
):
    """A conference with three cases: police invited for the first, GGZ for the second,
    Reclassering for the third; their delegates kees, daan and rik got the invitations."""
    cases = [waiting(), waiting(), waiting()]
    items = [add_item(sanne, meeting, case) for case in cases]
    with django_capture_on_commit_callbacks(execute=True):
        invite(sanne, items[0], house["police"], "Politie deed de aangiftes (Art. 12.2e).")
        invite(sanne, items[1], house["ggz"], "In behandeling bij Dimence (Art. 12.2e).")
        invite(sanne, items[2], house["reclassering"], "Toezicht door Reclassering.")
    return meeting, items
