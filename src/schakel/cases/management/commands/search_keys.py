"""``manage.py search_keys``: check the delegates' name-search keys against the cases, or rebuild
them (`cases.SearchKey`, issue #9)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schakel.cases.services.search_keys import rebuild_search_keys, search_keys_drift


class Command(BaseCommand):
    help = (
        "Check that the name-search keys match the cases' involvements and subjects (exit 1 "
        "when they do not), or rebuild them with --rebuild."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--rebuild", action="store_true", help="rebuild every case's keys")
        parser.add_argument("--batch-size", type=int, default=10_000)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["rebuild"]:
            total = rebuild_search_keys(
                options["batch_size"],
                lambda keys, last: self.stdout.write(f"  up to case #{last}: {keys:,} keys"),
            )
            self.stdout.write(self.style.SUCCESS(f"Search keys rebuilt: {total:,}."))
            return
        missing, extra = search_keys_drift()
        if missing or extra:
            raise CommandError(
                f"Search keys drift: {missing:,} missing, {extra:,} no longer right. "
                "Run `manage.py search_keys --rebuild`."
            )
        self.stdout.write(self.style.SUCCESS("Search keys match the cases."))
