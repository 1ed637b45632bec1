"""``manage.py user_create``: an account for a person of a party, with roles.

Until the functional administrator's screens exist this is how accounts are made on a
server. The password is asked twice (never on the command line, where it would end up in the
shell history); the user sets up the second factor at the first login.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.accounts.models import User
from schakel.accounts.services import user_ensure
from schakel.domain.roles import Role
from schakel.parties.selectors import party_get


class Command(BaseCommand):
    help = "Create a user of a party with one or more roles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--party", required=True, help="the party's short name (slug)")
        parser.add_argument(
            "--role", action="append", required=True, choices=[r.value for r in Role]
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        party = party_get(slug=options["party"])
        if party is None:
            raise CommandError(f"No party with short name {options['party']!r}.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"User {options['username']!r} already exists.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user_ensure(
            username=options["username"],
            party=party,
            first_name=options["first_name"],
            last_name=options["last_name"],
            email=options["email"],
            roles=[Role(r) for r in options["role"]],
            password=password,
        )
        self.stdout.write(self.style.SUCCESS(f"Created {options['username']} ({party.name})."))
