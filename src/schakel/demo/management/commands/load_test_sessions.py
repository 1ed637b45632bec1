"""``manage.py load_test_sessions --users N --out FILE``: signed-in sessions for the load test.

`./dev load` drives 500 simulated people; signing each in through the login form would spend
the test on password hashing (Argon2, on purpose slow) and a second factor. Instead this mints
ordinary Django sessions for generated users, exactly what a login stores. Refused unless
SCHAKEL_LOAD_TEST is set, which settings refuse in production (docs/performance.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.accounts.backends import SIGNED_IN_USER_BACKEND
from schakel.accounts.models import RoleAssignment, User
from schakel.domain.roles import Role

# The people of a working day, in proportion: mostly partner delegates, some process
# directors, a conference secretary and a manager (ARCHITECTURE.md, the house's roles).
MIX = (
    (Role.partner_delegate, 0.80),
    (Role.process_director, 0.15),
    (Role.conference_secretary, 0.03),
    (Role.manager, 0.02),
)


class Command(BaseCommand):
    help = "Mint signed-in sessions for the load test (SCHAKEL_LOAD_TEST only)."
    requires_system_checks: list[str] = []  # writes sessions only; the server runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=500)
        parser.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION or not settings.SCHAKEL_LOAD_TEST:
            raise CommandError(
                "load_test_sessions needs SCHAKEL_LOAD_TEST and never runs in production."
            )
        # The backend that loads the user again on each request (axes' own does not).
        backend = SIGNED_IN_USER_BACKEND
        assert backend in settings.AUTHENTICATION_BACKENDS
        found: list[dict[str, Any]] = []
        for role, share in MIX:
            wanted = max(1, round(options["users"] * share))
            users = list(
                User.objects.filter(
                    is_active=True,
                    id__in=RoleAssignment.objects.filter(role=role).values("user_id"),
                ).order_by("id")
            )
            if not users:
                continue
            for n in range(wanted):
                user = users[n % len(users)]
                session = SessionStore()
                session[SESSION_KEY] = str(user.pk)
                session[BACKEND_SESSION_KEY] = backend
                session[HASH_SESSION_KEY] = user.get_session_auth_hash()
                session.create()
                found.append(
                    {"user": user.username, "role": role.value, "session": session.session_key}
                )
        Path(options["out"]).write_text(json.dumps(found, indent=1))
        self.stdout.write(f"{len(found)} sessions written to {options['out']}")
