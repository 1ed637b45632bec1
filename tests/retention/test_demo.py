"""The demo house shows retention at work: due, due soon, and one legal hold (idempotent)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.retention import selectors
from schakel.retention.models import LegalHold
from schakel.retention.sweep import run_sweep

pytestmark = pytest.mark.django_db


def test_demo_retention() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # twice: nothing twice
    hold = LegalHold.objects.get()
    assert hold.lifted_at is None and "wissen" in hold.reason
    officer = actor_for(User.objects.get(username="privacy"))
    found = selectors.due_soon(actor=officer)
    assert found is not None
    rows, _total = found
    assert any(row.overdue for row in rows) and any(not row.overdue for row in rows)
    assert hold.case.number not in {row.number for row in rows}
    dry = run_sweep(dry_run=True)
    assert len(dry.would) >= 2
    assert [number for number, _code, _until in dry.held] == [hold.case.number]
