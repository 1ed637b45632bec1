"""The demo house holds about forty cases over every phase, target group and municipality."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from schakel.audit.models import AuditEvent
from schakel.cases.models import Case, PhaseTransition, Subject
from schakel.domain.bsn import is_demo_bsn
from schakel.domain.target_groups import ADMISSIBLE_TARGET_GROUPS
from schakel.domain.workflow import Phase

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_the_house_and_load_once() -> None:
    call_command("load_demo", verbosity=0)
    assert Case.objects.count() == 40
    assert set(Case.objects.values_list("phase", flat=True)) == {p.value for p in Phase}
    assert set(Case.objects.values_list("target_group", flat=True)) == {
        g.value for g in ADMISSIBLE_TARGET_GROUPS
    }
    assert Case.objects.values("municipality").distinct().count() == 11
    assert all(is_demo_bsn(bsn) for bsn in Subject.objects.values_list("bsn", flat=True))
    transitions, events = PhaseTransition.objects.count(), AuditEvent.objects.count()
    assert transitions > 100 and events > transitions
    call_command("load_demo", verbosity=0)
    assert Case.objects.count() == 40 and PhaseTransition.objects.count() == transitions
