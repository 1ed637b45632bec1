"""``manage.py load_demo``: the demo house. Idempotent: running it twice creates nothing twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from schakel.accounts.services import user_ensure
from schakel.demo.cases import load_demo_cases
from schakel.demo.governance import build_governance_demo
from schakel.demo.meetings import build_meetings_demo
from schakel.demo.parties import (
    COVENANT_SIGNED_ON,
    COVENANT_TITLE,
    COVENANT_VERSION,
    HOUSE,
    PARTNERS,
    municipality_rows,
)
from schakel.demo.people import PEOPLE
from schakel.demo.reports import build_reports_demo
from schakel.demo.retention import build_retention_demo
from schakel.demo.rights import build_rights_demo
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure

DEMO_PASSWORD = "demo-wachtwoord"


class Command(BaseCommand):
    help = "Load the demo house: every party of the seed covenant and fictional people."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo house is never loaded in production.")
        # Building the house sends the mails its history would have sent (invitations,
        # decisions); they are kept in memory so the demo logins stay readable on the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._load()

    @transaction.atomic  # one transaction; its after-commit mails fire inside the override
    def _load(self) -> None:
        covenant = covenant_ensure(
            title=COVENANT_TITLE, version=COVENANT_VERSION, signed_on=COVENANT_SIGNED_ON
        )
        parties = {}
        house = party_ensure(
            name=HOUSE[0],
            slug=HOUSE[1],
            kind=PartyKind.house,
            domain=PartyDomain.municipal,
            is_core_partner=False,
        )
        parties[house.slug] = house
        rows = municipality_rows() + [
            (name, slug, PartyKind.partner, domain, core) for name, slug, domain, core in PARTNERS
        ]
        for name, slug, kind, domain, core in rows:
            party = party_ensure(
                name=name, slug=slug, kind=kind, domain=domain, is_core_partner=core
            )
            membership_ensure(party=party, covenant=covenant, joined_on=COVENANT_SIGNED_ON)
            parties[slug] = party
        users = {}
        for person in PEOPLE:
            users[person.username] = user_ensure(
                username=person.username,
                party=parties[person.party_slug],
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{person.username}@demo.schakel.invalid",
                roles=person.roles,
                password=DEMO_PASSWORD,
                job_title=person.job_title,
            )
        cases = load_demo_cases(users=users, parties=parties)
        if build_meetings_demo(users=users, parties=parties):
            self.stdout.write("Meetings: a weekly case conference and one held, with minutes.")
        build_reports_demo(users=users, parties=parties)
        build_rights_demo(users=users)
        if build_retention_demo(users=users):
            self.stdout.write("Retention: cases past or near their due date and one legal hold.")
        if build_governance_demo():
            self.stdout.write("Governance: bodies, meetings, annual plan and a join request.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo house ready: {len(rows)} signatories, {len(PEOPLE)} people, "
                f"{cases} new demo cases."
            )
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for person in PEOPLE:
            self.stdout.write(f"  {person.username:<18} {person.job_title}")
