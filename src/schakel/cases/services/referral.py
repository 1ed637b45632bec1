"""Fase 1: a party refers a case (Art. 1.7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.cases.errors import CaseForbidden
from schakel.cases.models import (
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseParty,
    CaseRelationKind,
    CaseSubject,
    Subject,
    SubjectRelation,
)
from schakel.cases.services._base import party_or_error, raise_if, required_text
from schakel.cases.services.search_keys import refresh_search_keys
from schakel.domain.actor import Actor
from schakel.domain.bsn import is_valid_bsn, normalise_bsn
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.domain.target_groups import Inflow, TargetGroup, referral_refusal_reason
from schakel.domain.workflow import INITIAL_PHASE
from schakel.parties.models import Party

PURPOSE_REFERRAL = "Art. 1.7 aanmelding"
MAX_SUBJECTS = 8


@dataclass(frozen=True)
class SubjectInput:
    first_name: str
    last_name: str
    date_of_birth: date | None
    bsn: str = ""
    address: str = ""
    relation: str = SubjectRelation.subject


def next_case_number(year: int) -> str:
    """ZVH-<year>-<nnnn>; the counter row is locked, so two referrals never share a number."""
    CaseNumberCounter.objects.get_or_create(year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"ZVH-{year}-{counter.last:04d}"


def _validate_subjects(subjects: list[SubjectInput], errors: dict[str, list[str]]) -> list[str]:
    if not subjects:
        errors.setdefault("subjects", []).append(_("Record at least one subject."))
    if len(subjects) > MAX_SUBJECTS:
        errors.setdefault("subjects", []).append(_("At most eight subjects per case."))
    bsns: list[str] = []
    today = timezone.localdate()
    for index, item in enumerate(subjects):
        prefix = f"subjects[{index}]."
        required_text(errors, prefix + "first_name", item.first_name, _("Fill in the first name."))
        required_text(errors, prefix + "last_name", item.last_name, _("Fill in the last name."))
        if item.date_of_birth is None:
            errors.setdefault(prefix + "date_of_birth", []).append(_("Fill in the date of birth."))
        elif item.date_of_birth > today or item.date_of_birth.year < 1900:
            errors.setdefault(prefix + "date_of_birth", []).append(
                _("The date of birth is not a possible date.")
            )
        bsn = normalise_bsn(item.bsn or "")
        if bsn and not is_valid_bsn(bsn):
            errors.setdefault(prefix + "bsn", []).append(
                _("This is not a valid BSN: it must have nine digits and pass the eleven-test.")
            )
        if item.relation not in SubjectRelation.values:
            errors.setdefault(prefix + "relation", []).append(_("Choose a relation."))
        bsns.append(bsn)
    return bsns


@transaction.atomic
def case_refer(
    *,
    actor: Actor,
    ctx: AuditContext,
    subjects: list[SubjectInput],
    municipality_id: int | None,
    target_group: str,
    inflow: str,
    reason: str,
    goal: str,
    involved_party_ids: list[int] | None = None,
) -> Case:
    """A delegate refers a case for their party; the municipality is always involved (Art. 2.1).

    A polarisation referral is refused outright: it falls under a separate covenant (Art. 2.3).
    """
    if not actor.party_active or not actor.has(Role.partner_delegate, Role.process_director):
        raise CaseForbidden(_("Only a delegate of a party can refer a case."), "role_not_allowed")
    errors: dict[str, list[str]] = {}
    if target_group not in TargetGroup.__members__:
        errors.setdefault("target_group", []).append(_("Choose a target group."))
    else:
        refusal = referral_refusal_reason(TargetGroup(target_group))
        if refusal:
            errors.setdefault("target_group", []).append(refusal)
    if inflow not in Inflow.__members__:
        errors.setdefault("inflow", []).append(_("Choose how the case came in."))
    municipality = party_or_error(errors, "municipality", municipality_id, PartyKind.municipality)
    reason = required_text(errors, "reason", reason, _("Describe the reason for the referral."))
    goal = required_text(errors, "goal", goal, _("Describe the goal of the referral."))
    bsns = _validate_subjects(subjects, errors)
    involved: list[Party] = []
    for party_id in involved_party_ids or []:
        party = Party.objects.filter(pk=party_id).exclude(kind=PartyKind.house).first()
        if party is None:
            errors.setdefault("involved_parties", []).append(_("Choose parties from the list."))
            break
        involved.append(party)
    raise_if(errors)
    assert municipality is not None

    now = timezone.now()
    case = Case.objects.create(
        number=next_case_number(timezone.localdate().year),
        phase=INITIAL_PHASE.value,
        target_group=target_group,
        inflow=inflow,
        municipality=municipality,
        referring_party_id=actor.party_id,
        referred_by_id=actor.user_id,
        reason=reason,
        goal=goal,
        updated_at=now,
    )
    rows = [
        (actor.party_id, CaseRelationKind.referrer, _("Referred the case (Art. 1.7).")),
        (municipality.pk, CaseRelationKind.municipality, _("Municipality concerned (Art. 2.1).")),
    ]
    seen: set[tuple[int, str]] = set()
    for party_id, relation, justification in rows:
        if (party_id, relation) in seen:
            continue
        seen.add((party_id, relation))
        CaseParty.objects.create(
            case=case,
            party_id=party_id,
            relation=relation,
            justification=justification,
            added_by_id=actor.user_id,
            added_at=now,
        )
    case.already_involved.set(involved)
    for item, bsn in zip(subjects, bsns, strict=True):
        subject = Subject.objects.create(
            first_name=item.first_name.strip(),
            last_name=item.last_name.strip(),
            date_of_birth=item.date_of_birth,  # type: ignore[misc]  # validated above
            bsn=bsn,
            address=(item.address or "").strip(),
        )
        CaseSubject.objects.create(case=case, subject=subject, relation=item.relation)
        audit.record_changed(
            ctx,
            actor=actor,
            action=AuditAction.CREATE,
            object_type="case",
            object_id=case.pk,
            purpose=PURPOSE_REFERRAL,
            subject_pseudonym=subject_pseudonym(subject.pk),
        )
    refresh_search_keys(case.pk)
    CaseEvent.objects.create(
        case=case, kind="referred", detail="", actor_id=actor.user_id, occurred_at=now
    )
    return case
