"""``manage.py audit_verify``: walk the hash chain and report the first broken row."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schakel.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit 1 at the first edited, deleted or moved row."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=20_000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        checked, broken = audit_chain_verify(batch_size=options["batch_size"])
        elapsed = time.perf_counter() - started
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.row_id}: {broken.reason} "
                f"({checked} events before it are intact)."
            )
        rate = checked / elapsed if elapsed > 0 else float(checked)
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {checked} events ({rate:,.0f} events/s).")
        )
