"""The retention sweep at scale (issue #5: at least 500 cases/s end-to-end on PostgreSQL over
100,000 due cases). Runs last: it deletes the generated house.

Every case of the generated house (topped up to `due_cases`) is made due for its last stage
(closed three years ago), then `run_sweep` deletes them all, batch by batch, with receipts,
subjects, statistics' pointers and one audit row per batch, as the nightly command would.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from typing import Any

from django.utils import timezone

from schakel.cases.models import Case, Subject
from schakel.demo.generate import Progress, ensure_users
from schakel.demo.generate_cases import generate_cases
from schakel.retention.models import DeletionReceipt, LegalHold
from schakel.retention.sweep import run_sweep


def run(*, due_cases: int, batch_size: int = 1_000) -> dict[str, dict[str, Any]]:
    existing = Case.objects.count()
    if existing < due_cases:
        print(f"Generating {due_cases - existing:,} more cases for the sweep ...", flush=True)
        generate_cases(due_cases - existing, ensure_users(), Progress(out=sys.stderr))
    LegalHold.objects.all().delete()  # the demo's hold would (rightly) keep one case
    due = Case.objects.update(phase="closed", closed_at=timezone.now() - timedelta(days=3 * 366))
    subjects = Subject.objects.count()
    print(f"Sweeping {due:,} due cases ({subjects:,} subjects) ...", flush=True)
    started = time.perf_counter()
    report = run_sweep(batch_size=batch_size)
    seconds = time.perf_counter() - started
    deleted = sum(report.deleted.values())
    assert deleted == due and not Case.objects.exists(), (deleted, due)
    assert DeletionReceipt.objects.count() >= due
    return {
        "retention sweep (cases/s)": {
            "median_ms": seconds * 1000,
            "p95_ms": seconds * 1000,
            "per_second": deleted / seconds if seconds else 0.0,
            "rate_unit": "cases",
            "samples": 1,
            "cases": deleted,
            "rows": report.rows,
            "batches": report.batches,
            "batch_size": batch_size,
        }
    }
