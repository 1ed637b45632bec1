"""`manage.py retention_sweep`: carry out the retention schedule (privacy protocol art. 11).

Run daily from cron or a systemd timer (docs/operations.md). Safe to kill and to rerun: each
batch is one transaction, and a rerun finishes what is still due.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schakel.domain.retention import DATA_CLASS_LABELS_NL
from schakel.retention.schedule import current_schedule
from schakel.retention.sweep import run_sweep


class Command(BaseCommand):
    help = "Delete what the retention schedule says is due, in batches (issue #5)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would go.")
        parser.add_argument("--batch-size", type=int, default=500, help="Cases per transaction.")
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=None,
            help="Stop starting new batches after this many seconds (the next run continues).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the sweep in the database queue for `manage.py db_worker` instead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.")
        if options["enqueue"]:
            from schakel.retention.tasks import DEFAULT_MAX_SECONDS, retention_sweep_task

            seconds = int(options["max_seconds"] or DEFAULT_MAX_SECONDS)
            result = retention_sweep_task.enqueue(max_seconds=seconds)
            self.stdout.write(f"In de wachtrij gezet: {result.id}")
            return
        try:
            labels = {
                rule.code: DATA_CLASS_LABELS_NL[rule.data_class] for rule in current_schedule()
            }
        except ValueError as invalid:
            raise CommandError(str(invalid)) from None
        verbose = options["verbosity"] >= 1

        def progress(code: str, done: int, total: int) -> None:
            if verbose:
                self.stdout.write(f"  {labels[code]}: {done} van {total} casussen")

        report = run_sweep(
            batch_size=options["batch_size"],
            dry_run=options["dry_run"],
            max_seconds=options["max_seconds"],
            progress=progress,
        )
        if report.dry_run:
            self.stdout.write(f"Proefdraai op {report.today:%d-%m-%Y}: er wordt niets verwijderd.")
            for number, code, due_on in report.would:
                self.stdout.write(
                    f"  zou gaan: {number}  {labels[code]}  (termijn {due_on:%d-%m-%Y})"
                )
            self.stdout.write(f"{len(report.would)} verwijderingen zouden worden uitgevoerd.")
        else:
            for code, count in sorted(report.deleted.items()):
                self.stdout.write(f"{labels[code]}: {count} casussen verwijderd.")
            self.stdout.write(
                f"Klaar ({report.run_id}): {sum(report.deleted.values())} casussen, "
                f"{report.rows} rijen, {report.files} bestanden, {report.batches} batches."
            )
        for number, code, until in report.held:
            self.stdout.write(
                f"  overgeslagen (bewaarblokkade tot en met {until:%d-%m-%Y}): {number}  "
                f"{labels[code]}"
            )
        if report.stopped_early:
            self.stdout.write("Tijdslimiet bereikt; de volgende run gaat verder.")
