"""Writes of parties, covenants and memberships. Idempotent where the demo loader needs it."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from schakel.domain.parties import PartyDomain, PartyKind
from schakel.parties.models import Covenant, Membership, Party


@transaction.atomic
def party_ensure(
    *, name: str, slug: str, kind: PartyKind, domain: PartyDomain, is_core_partner: bool
) -> Party:
    party, _ = Party.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind.value,
            "domain": domain.value,
            "is_core_partner": is_core_partner,
        },
    )
    return party


@transaction.atomic
def covenant_ensure(*, title: str, version: str, signed_on: date) -> Covenant:
    covenant, _ = Covenant.objects.get_or_create(
        title=title, version=version, defaults={"signed_on": signed_on}
    )
    return covenant


@transaction.atomic
def membership_ensure(*, party: Party, covenant: Covenant, joined_on: date) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        party=party, covenant=covenant, defaults={"joined_on": joined_on}
    )
    return membership
