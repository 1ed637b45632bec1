"""The demo house's governance: bodies, meetings, the annual plan, a join request at 37 of 38."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from schakel.domain.covenant import JoinStage
from schakel.governance import selectors
from schakel.governance.models import AnnualPlan, BodyMember, JoinRequest, Meeting, Motion
from schakel.governance.services import GovernanceRefused, motion_decide
from tests.governance.helpers import act

pytestmark = pytest.mark.django_db


def test_demo_governance_and_idempotent() -> None:
    call_command("load_demo", verbosity=0)
    counts = (BodyMember.objects.count(), Meeting.objects.count(), Motion.objects.count())
    assert counts[0] == 5 and counts[1] == 2
    plan = AnnualPlan.objects.get(year=timezone.localdate().year)
    assert plan.adopted_on is not None and plan.sent_on is not None
    join = JoinRequest.objects.get()
    state = selectors.join_state(join)
    assert state.stage is JoinStage.PARTIES_INFORMED
    assert join.consents.count() == 37
    call_command("load_demo", verbosity=0)
    assert counts == (BodyMember.objects.count(), Meeting.objects.count(), Motion.objects.count())


def test_demo_vote_waits_for_veilig_thuis() -> None:
    from schakel.accounts.models import User

    call_command("load_demo", verbosity=0)
    motion = Motion.objects.get(status=Motion.Status.OPEN, title__startswith="Werkproces")
    manager = User.objects.get(username="manager")
    with pytest.raises(GovernanceRefused, match="Veilig Thuis"):
        motion_decide(actor=act(manager), motion=motion)
