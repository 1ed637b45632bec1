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


@transaction.atomic
def membership_end(*, party: Party, covenant: Covenant, on: date, reason: str) -> Membership:
    """End a party's membership on ``on`` (Art. 22.3, 23): from that day it has no access.

    ``reason`` names the article; the caller (a governance service) writes the audit event.
    An earlier end date stays: a party cannot leave twice, and the earliest exit wins.
    """
    membership = Membership.objects.select_for_update().get(party=party, covenant=covenant)
    if on < membership.joined_on:
        raise ValueError(f"{party} cannot leave before it joined ({reason}).")
    if membership.left_on is None or on < membership.left_on:
        membership.left_on = on
        membership.save(update_fields=["left_on"])
    return membership
