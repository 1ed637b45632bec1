"""The covenant register: documents and signatures (Art. 22.2, 23.1a)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.governance_policy import GovAction
from schakel.governance.models import Amendment, CovenantDocument, Signature
from schakel.governance.services._common import GovernanceRefused, audit, authorise
from schakel.parties.models import Covenant, Party


@transaction.atomic
def signature_record(
    *,
    actor: Actor,
    covenant: Covenant,
    party: Party,
    signed_on: date,
    signed_by: str,
    signed_copy: UploadedFile | None = None,
    amendment: Amendment | None = None,
    ctx: AuditContext | None = None,
) -> Signature:
    """Record that ``party`` signed ``covenant`` (or re-signed it after ``amendment``, 22.2)."""
    authorise(actor, GovAction.manage_register)
    existing = Signature.objects.filter(covenant=covenant, party=party, amendment=amendment)
    if existing.exists():
        raise GovernanceRefused([f"De ondertekening door {party} is al vastgelegd."])
    if amendment is not None and amendment.adopted_on is None:
        raise GovernanceRefused(["De wijziging is nog niet door de Stuurgroep besloten."])
    if signed_on < covenant.signed_on and amendment is None:
        raise GovernanceRefused(["De datum ligt vóór de datum van het convenant (art. 23.1a)."])
    signature = Signature(
        covenant=covenant,
        party=party,
        amendment=amendment,
        signed_on=signed_on,
        signed_by=signed_by.strip(),
        recorded_by_id=actor.user_id,
    )
    if signed_copy is not None:
        signature.signed_copy.save(signed_copy.name or "getekend.pdf", signed_copy, save=False)
    signature.save()
    article = "art. 22.2, opnieuw ondertekend" if amendment else "art. 23.1a, ondertekening"
    audit(ctx, actor, object_type="signature", object_id=signature.pk, purpose=article)
    return signature


@transaction.atomic
def covenant_document_add(
    *,
    actor: Actor,
    covenant: Covenant,
    title: str,
    file: UploadedFile,
    annex: int | None = None,
    ctx: AuditContext | None = None,
) -> CovenantDocument:
    authorise(actor, GovAction.manage_register)
    document = CovenantDocument(
        covenant=covenant, title=title, annex=annex, uploaded_by_id=actor.user_id
    )
    document.file.save(file.name or "convenant.pdf", file, save=False)
    document.save()
    audit(
        ctx,
        actor,
        object_type="covenant_document",
        object_id=document.pk,
        purpose="Convenantregister: tekst of bijlage (art. 22)",
    )
    return document
