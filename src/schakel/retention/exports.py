"""The receipts as CSV for the privacy officer (every cell escaped against formula injection)."""

from __future__ import annotations

import csv
import io
import json

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, record_changed
from schakel.domain.actor import Actor
from schakel.domain.safe_export import escape_cell
from schakel.retention.models import DeletionReceipt

HEADER = [
    "casusnummer",
    "regel",
    "gevolg",
    "grondslag",
    "verwijderd_op",
    "aantal_rijen",
    "aantal_bestanden",
    "gegevensklassen",
    "run",
]


def receipts_csv(*, actor: Actor, ctx: AuditContext, receipts: QuerySet[DeletionReceipt]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in receipts.iterator(chunk_size=2000):
        row = [
            r.case_number,
            r.rule_code,
            r.effect,
            r.legal_reference,
            timezone.localtime(r.deleted_at).isoformat(timespec="seconds"),
            r.row_count,
            r.file_count,
            json.dumps(r.classes, sort_keys=True),
            r.run_id,
        ]
        writer.writerow([escape_cell(cell) for cell in row])
    with transaction.atomic():
        record_changed(
            ctx,
            actor=actor,
            action=AuditAction.EXPORT,
            object_type="deletion_receipts",
            object_id="csv",
            purpose="retention oversight (privacy protocol art. 11)",
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
