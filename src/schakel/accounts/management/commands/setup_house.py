"""``manage.py setup_house``: the first run on a server: the house as a party, the covenant."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.text import slugify

from schakel.domain.parties import PartyDomain, PartyKind
from schakel.parties.services import covenant_ensure, party_ensure


class Command(BaseCommand):
    help = "Create the house itself as a party and register the covenant (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="e.g. 'Zorg- en Veiligheidshuis X'")
        parser.add_argument("--covenant-title", required=True)
        parser.add_argument("--covenant-version", default="1.0")
        parser.add_argument("--signed-on", required=True, type=date.fromisoformat)

    def handle(self, *args: Any, **options: Any) -> None:
        house = party_ensure(
            name=options["name"],
            slug=slugify(options["name"])[:80],
            kind=PartyKind.house,
            domain=PartyDomain.municipal,
            is_core_partner=False,
        )
        covenant_ensure(
            title=options["covenant_title"],
            version=options["covenant_version"],
            signed_on=options["signed_on"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"House {house.name!r} (short name {house.slug}) and covenant ready. Next: "
                f"manage.py user_create <name> --party {house.slug} --role functional_administrator"
            )
        )
