"""The canary (issue #5): after the sweep, no marker of a deleted case is anywhere.

A closed case whose every text holds a unique marker is moved past the schedule; the sweep
runs; then a full dump of the database (SQLite `.iterdump()`, PostgreSQL `pg_dump
--data-only`) and the media storage hold none of the markers, and the receipts exist.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from schakel.audit.models import AuditEvent
from schakel.cases.models import Case, Subject
from schakel.reports.models import CaseStatistic
from schakel.retention.models import DeletionReceipt

pytestmark = pytest.mark.django_db(transaction=True)


def database_dump() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = [
        "pg_dump",
        "--data-only",
        "-h",
        db["HOST"] or "127.0.0.1",
        "-p",
        str(db["PORT"] or 5432),
    ]
    command += ["-U", db["USER"] or "postgres", db["NAME"]]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def media_text() -> str:
    root = Path(django_settings.MEDIA_ROOT)
    if not root.exists():
        return ""
    return "\n".join(p.read_bytes().decode("latin-1") for p in root.rglob("*") if p.is_file())


def test_canary_nothing_of_the_case_survives(
    make_canary: Callable[[list[str]], Case], tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    markers: list[str] = []
    case = make_canary(markers)
    number = case.number
    dump = database_dump()
    # The markers are really there before (the test can fail); encrypted content excepted.
    present = [m for m in markers if m in dump + media_text()]
    assert len(present) >= 20, present
    with time_machine.travel(timezone.now() + timedelta(days=2 * 366 + 1), tick=False):
        call_command("retention_sweep", stdout=open(os.devnull, "w"))  # noqa: SIM115
    dump = database_dump() + media_text()
    assert [m for m in markers if m in dump] == []
    assert not Case.objects.filter(number=number).exists()
    assert not Subject.objects.exists()
    receipt = DeletionReceipt.objects.get(case_number=number, rule_code="closed_identity")
    assert receipt.classes["sharing.InformationItem"] == 1
    assert receipt.classes["cases.Subject"] == 1
    deleted_models = set(receipt.classes)
    for label in ("sharing.Attachment", "meetings.AgendaItem", "meetings.Minutes"):
        if label.split(".")[0] in {c.label for c in apps.get_app_configs()}:
            assert label in deleted_models, label
    assert receipt.file_count == (1 if "sharing.Attachment" in deleted_models else 0)
    assert receipt.row_count > 10
    # The anonymous statistic stays, without its pointer to the case.
    assert CaseStatistic.objects.filter(case_ref__isnull=True, closed_on__isnull=False).count() == 1
    assert CaseStatistic.objects.filter(case_ref__isnull=False).count() == 0
    # The audit chain is untouched and still verifies.
    assert AuditEvent.objects.filter(object_type="retention_sweep").count() == 1
    call_command("audit_verify", stdout=open(os.devnull, "w"))  # noqa: SIM115
