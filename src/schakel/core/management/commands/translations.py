"""``manage.py translations --extract | --compile``: the Dutch catalogue, with Babel."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from schakel.core.translations import compile_catalogs, update_catalogs


class Command(BaseCommand):
    help = "Extract translatable strings into the .po files, and/or compile them to .mo."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--extract", action="store_true", help="update the .po files")
        parser.add_argument("--compile", action="store_true", help="write the .mo files")
        parser.add_argument(
            "--app", help="only this app's catalogue (e.g. cases); default: every catalogue"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["extract"]:
            for language, missing in update_catalogs(app=options["app"]).items():
                self.stdout.write(f"{language}: {missing} strings without a translation")
        if options["compile"] or not options["extract"]:
            for path in compile_catalogs():
                self.stdout.write(f"compiled {path.name} ({path.parent.parent.name})")
