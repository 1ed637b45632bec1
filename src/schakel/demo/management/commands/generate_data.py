"""``manage.py generate_data --cases N --audit-events M``: a fictional house at scale.

For the benchmarks (issue 9, docs/performance.md). Loads the demo house first (idempotent),
adds fictional users per party, then N cases in every phase and M audit events that continue
the hash chain. PostgreSQL gets COPY; SQLite gets batched inserts. Never in production.
"""

from __future__ import annotations

import contextlib
import io
import random
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.cases.models import Case
from schakel.demo.generate import Progress, analyse, ensure_users, generate_audit, next_id
from schakel.demo.generate_cases import generate_cases


class Command(BaseCommand):
    help = "Fill the database with a fictional house at scale (benchmarks only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--audit-events", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=5, help="spread over this many years")
        parser.add_argument("--seed", type=int, default=None, help="for a repeatable house")
        parser.add_argument("--batch-size", type=int, default=5_000, help="cases per batch")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("generate_data never runs in production: it invents cases.")
        if options["cases"] < 0 or options["audit_events"] < 0:
            raise CommandError("--cases and --audit-events must not be negative.")
        if options["seed"] is not None:
            random.seed(options["seed"])
        progress = Progress(out=sys.stderr)
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the demo's console e-mails
            call_command("load_demo", verbosity=0, stdout=io.StringIO())
        first_case = next_id(Case)
        house = ensure_users(house_cases=Case.objects.count() + options["cases"])
        subjects = generate_cases(
            options["cases"], house, progress, batch_size=options["batch_size"],
            years=options["years"],
        )  # fmt: skip
        cases = (first_case, next_id(Case)) if options["cases"] else (1, next_id(Case))
        generate_audit(
            options["audit_events"], house, progress, subjects=subjects, case_ids=cases,
            years=options["years"],
        )  # fmt: skip
        progress.say(f"  planner statistics refreshed in {analyse():,.1f} s")
        elapsed = time.perf_counter() - started
        for table, row in progress.summary().items():
            rate = f"{row['rows_per_s']:>12,.0f} rows/s" if row["rows"] else ""
            progress.say(
                f"  {table:<28} {int(row['rows']):>12,} rows {row['seconds']:>8.1f} s {rate}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {options['cases']:,} cases and {options['audit_events']:,} audit "
                f"events in {elapsed:,.1f} s."
            )
        )
