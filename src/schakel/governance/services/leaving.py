"""Leaving the covenant: notice, ceasing to exist, withdrawal, exclusion (Art. 22.3, 23)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import (
    cessation_effective_date,
    notice_effective_date,
    withdrawal_after_amendment_date,
)
from schakel.domain.governance_policy import GovAction, GovFacts
from schakel.governance.models import Amendment, Departure, Exclusion
from schakel.governance.services._common import GovernanceRefused, audit, authorise
from schakel.parties.models import Covenant, Membership, Party
from schakel.parties.services import membership_end

_ARTICLE = {
    Departure.Kind.NOTICE: "Art. 23.1b: opzegging",
    Departure.Kind.CEASED: "Art. 23.1c: partij houdt op te bestaan",
    Departure.Kind.WITHDRAWAL: "Art. 22.3: opzegging na onaanvaardbare wijziging",
    Departure.Kind.EXCLUSION: "Art. 23.2: uitsluiting door de Stuurgroep",
}


def effective_date(
    kind: Departure.Kind, given_on: date, covenant: Covenant, amendment: Amendment | None
) -> date:
    """The day the party leaves, by the covenant's rule for ``kind`` (domain.covenant)."""
    if kind == Departure.Kind.NOTICE:
        return notice_effective_date(given_on, covenant.signed_on)
    if kind == Departure.Kind.CEASED:
        return cessation_effective_date(given_on)
    if kind == Departure.Kind.WITHDRAWAL:
        if amendment is None or amendment.adopted_on is None:
            raise GovernanceRefused(
                ["Opzeggen op grond van art. 22.3 kan alleen na een besloten wijziging."]
            )
        return withdrawal_after_amendment_date(amendment.effective_on, given_on, covenant.signed_on)
    return given_on  # Art. 23.2: with immediate effect, the day of the decision


def _depart(
    *,
    actor: Actor,
    party: Party,
    covenant: Covenant,
    kind: Departure.Kind,
    given_on: date,
    amendment: Amendment | None = None,
    exclusion: Exclusion | None = None,
    note: str = "",
    ctx: AuditContext | None,
) -> Departure:
    membership = Membership.objects.filter(party=party, covenant=covenant).first()
    problems = []
    if membership is None:
        problems.append(f"{party} is geen partij bij dit convenant.")
    elif membership.left_on is not None and membership.left_on <= given_on:
        problems.append(f"{party} neemt al niet meer deel aan het convenant.")
    if Departure.objects.filter(party=party, covenant=covenant).exists():
        problems.append(f"Het vertrek van {party} is al vastgelegd.")
    if problems:
        raise GovernanceRefused(problems)
    try:
        effective = effective_date(kind, given_on, covenant, amendment)
    except ValueError as exc:
        raise GovernanceRefused([str(exc)]) from exc
    departure = Departure.objects.create(
        party=party,
        covenant=covenant,
        kind=kind,
        given_on=given_on,
        effective_on=effective,
        amendment=amendment,
        exclusion=exclusion,
        note=note.strip(),
        recorded_by_id=actor.user_id,
    )
    # Art. 23: from the effective day the party's users lose access (accounts middleware).
    membership_end(party=party, covenant=covenant, on=effective, reason=_ARTICLE[kind])
    audit(ctx, actor, object_type="departure", object_id=departure.pk, purpose=_ARTICLE[kind])
    return departure


@transaction.atomic
def departure_record(
    *,
    actor: Actor,
    party: Party,
    covenant: Covenant,
    kind: Departure.Kind,
    given_on: date,
    amendment: Amendment | None = None,
    note: str = "",
    ctx: AuditContext | None = None,
) -> Departure:
    """Record a notice (23.1b), a cessation (23.1c) or a withdrawal (22.3) and end membership
    on the date the covenant's rule gives. Exclusion goes through a Stuurgroep motion."""
    authorise(actor, GovAction.record_notice, GovFacts(party_id=party.pk))
    if kind == Departure.Kind.EXCLUSION:
        raise GovernanceRefused(["Uitsluiting is een besluit van de Stuurgroep (art. 23.2)."])
    return _depart(
        actor=actor,
        party=party,
        covenant=covenant,
        kind=kind,
        given_on=given_on,
        amendment=amendment,
        note=note,
        ctx=ctx,
    )


@transaction.atomic
def exclusion_open(
    *,
    actor: Actor,
    party: Party,
    covenant: Covenant,
    breach: str,
    notice_of_default_on: date | None,
    heard_on: date | None,
    ctx: AuditContext | None = None,
) -> Exclusion:
    """Art. 23.2: prepare an exclusion (breach, notice of default, hearing) for the Stuurgroep."""
    authorise(actor, GovAction.manage_exclusion)
    exclusion = Exclusion.objects.create(
        party=party,
        covenant=covenant,
        breach=breach.strip(),
        notice_of_default_on=notice_of_default_on,
        heard_on=heard_on,
        recorded_by_id=actor.user_id,
    )
    audit(
        ctx,
        actor,
        object_type="exclusion",
        object_id=exclusion.pk,
        purpose="Art. 23.2: ingebrekestelling en horen vastgelegd",
    )
    return exclusion


def exclude(
    *, actor: Actor, exclusion: Exclusion, decided_on: date, ctx: AuditContext | None
) -> Departure:
    """Called by the motion service once the Stuurgroep adopted the exclusion."""
    return _depart(
        actor=actor,
        party=exclusion.party,
        covenant=exclusion.covenant,
        kind=Departure.Kind.EXCLUSION,
        given_on=decided_on,
        exclusion=exclusion,
        ctx=ctx,
    )
