"""Joining the covenant (Art. 21, Bijlage 1)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import Body, JoinStage, join_decision_allowed
from schakel.domain.governance_policy import GovAction, GovFacts
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import selectors
from schakel.governance.models import JoinConsent, JoinRequest, Signature
from schakel.governance.services._common import GovernanceRefused, audit, authorise, today
from schakel.parties.models import Covenant, Party
from schakel.parties.services import membership_ensure, party_ensure


@transaction.atomic
def join_request_create(
    *,
    actor: Actor,
    covenant: Covenant,
    organisation: str,
    slug: str,
    kind: PartyKind,
    domain: PartyDomain,
    seat: str,
    address: str,
    representative: str,
    representative_function: str,
    contribution: str,
    requested_on: date,
    ctx: AuditContext | None = None,
) -> JoinRequest:
    """Art. 21.2: a member of the Stuurgroep or the Kerngroepoverleg records a request."""
    authorise(actor, GovAction.receive_join_request)
    bodies = selectors.member_bodies(actor)
    # The manager sits in the Kerngroepoverleg (Art. 6.3c) and is secretary of the Stuurgroep.
    via = Body.STEERING_GROUP if Body.STEERING_GROUP in bodies else Body.CORE_GROUP
    problems = []
    if not contribution.strip():
        problems.append(
            "Niet vastgelegd is hoe de organisatie bijdraagt aan de doelen van artikel 2 "
            "(art. 21.1)."
        )
    if Party.objects.filter(name=organisation).exists() or Party.objects.filter(slug=slug).exists():
        problems.append(f"{organisation} is al een partij in Schakel.")
    if kind is PartyKind.house:
        problems.append("Het huis zelf treedt niet toe tot het convenant.")
    if problems:
        raise GovernanceRefused(problems)
    request = JoinRequest.objects.create(
        covenant=covenant,
        organisation=organisation.strip(),
        slug=slug,
        kind=kind.value,
        domain=domain.value,
        seat=seat.strip(),
        address=address.strip(),
        representative=representative.strip(),
        representative_function=representative_function.strip(),
        contribution=contribution.strip(),
        received_by_id=actor.user_id,
        received_via=via.value,
        requested_on=requested_on,
    )
    audit(
        ctx,
        actor,
        object_type="join_request",
        object_id=request.pk,
        purpose="Art. 21.2: verzoek tot toetreding ontvangen",
    )
    return request


@transaction.atomic
def join_request_inform_parties(
    *,
    actor: Actor,
    join_request: JoinRequest,
    on: date | None = None,
    ctx: AuditContext | None = None,
) -> JoinRequest:
    """Art. 21.3: the secretary of the Stuurgroep informs all parties beforehand."""
    authorise(actor, GovAction.manage_joining)
    request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if request.parties_informed_on is not None:
        raise GovernanceRefused(["De partijen zijn al op de hoogte gebracht (art. 21.3)."])
    request.parties_informed_on = on or today()
    request.save(update_fields=["parties_informed_on"])
    audit(
        ctx,
        actor,
        object_type="join_request",
        object_id=request.pk,
        action=AuditAction.UPDATE,
        purpose="Art. 21.3: partijen vooraf geïnformeerd",
    )
    return request


@transaction.atomic
def join_consent_record(
    *,
    actor: Actor,
    join_request: JoinRequest,
    party: Party,
    agreed: bool,
    on: date | None = None,
    ctx: AuditContext | None = None,
) -> JoinConsent:
    """Art. 21.4: a party's answer; its own delegates, or the manager on receipt of a letter."""
    authorise(actor, GovAction.record_consent, GovFacts(party_id=party.pk))
    request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    problems = []
    if request.parties_informed_on is None:
        problems.append("De partijen zijn nog niet op de hoogte gebracht (art. 21.3).")
    if request.decision_id is not None:
        problems.append("De Stuurgroep heeft al over deze toetreding besloten (art. 21.4).")
    if not selectors.member_parties().filter(pk=party.pk).exists():
        problems.append(f"{party} is geen partij bij het convenant.")
    if JoinConsent.objects.filter(join_request=request, party=party).exists():
        problems.append(f"Het antwoord van {party} is al vastgelegd.")
    if problems:
        raise GovernanceRefused(problems)
    answer = JoinConsent.Answer.AGREED if agreed else JoinConsent.Answer.REFUSED
    consent = JoinConsent.objects.create(
        join_request=request,
        party=party,
        answer=answer,
        answered_on=on or today(),
        recorded_by_id=actor.user_id,
    )
    audit(
        ctx,
        actor,
        object_type="join_consent",
        object_id=consent.pk,
        purpose=f"Art. 21.4: akkoord partij met toetreding ({answer})",
    )
    return consent


def join_decision_check(request: JoinRequest) -> None:
    """Art. 21.3, 21.4: the Stuurgroep decides only after all parties were informed and agreed."""
    request = JoinRequest.objects.get(pk=request.pk)  # the stored state, not a stale copy
    domain, parties = selectors.join_domain(request)
    problems = []
    if request.parties_informed_on is None:
        problems.append("De partijen zijn nog niet op de hoogte gebracht (art. 21.3).")
    allowed, reasons = join_decision_allowed(parties, domain.consents)
    if not allowed:
        problems.extend(reasons)
    if problems:
        raise GovernanceRefused(problems)


@transaction.atomic
def join_request_sign_annex1(
    *,
    actor: Actor,
    join_request: JoinRequest,
    organisation_signed_on: date,
    chair_signed_on: date,
    signed_copy: UploadedFile | None = None,
    ctx: AuditContext | None = None,
) -> JoinRequest:
    """Art. 21.4, Bijlage 1: signed by the organisation and the chair; the party then joins."""
    authorise(actor, GovAction.manage_joining)
    request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if selectors.join_state(request).stage is not JoinStage.APPROVED:
        raise GovernanceRefused(
            ["Bijlage 1 wordt getekend na een positief besluit van de Stuurgroep (art. 21.4)."]
        )
    if request.decided_on and min(organisation_signed_on, chair_signed_on) < request.decided_on:
        raise GovernanceRefused(["Bijlage 1 kan niet vóór het besluit zijn getekend (art. 21.4)."])
    request.annex1_signed_by_organisation_on = organisation_signed_on
    request.annex1_signed_by_chair_on = chair_signed_on
    state = selectors.join_state(request)
    if state.stage is not JoinStage.JOINED or state.joined_on is None:
        raise GovernanceRefused(state.problems or ["De toetreding is niet compleet."])
    party = party_ensure(
        name=request.organisation,
        slug=request.slug,
        kind=PartyKind(request.kind),
        domain=PartyDomain(request.domain),
        is_core_partner=False,
    )
    membership_ensure(party=party, covenant=request.covenant, joined_on=state.joined_on)
    signature = Signature(
        covenant=request.covenant,
        party=party,
        signed_on=organisation_signed_on,
        signed_by=f"{request.representative}, {request.representative_function}",
        recorded_by_id=actor.user_id,
    )
    if signed_copy is not None:
        signature.signed_copy.save(signed_copy.name or "bijlage-1.pdf", signed_copy, save=False)
    signature.save()
    request.party = party
    request.save()
    audit(
        ctx,
        actor,
        object_type="join_request",
        object_id=request.pk,
        action=AuditAction.UPDATE,
        purpose="Art. 21.4, Bijlage 1: toetreding getekend",
    )
    return request
