"""Fase 1 and 2: triage (criteria, consultation), the process director, the conference's
preparation and the invited parties."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden
from schakel.cases.models import (
    CaseParty,
    CaseRelationKind,
    Consultation,
    ConsultationAnswer,
    TriageAssessment,
)
from schakel.cases.services._base import (
    case_write,
    lock_case,
    party_or_error,
    raise_if,
    require_role,
    required_text,
    touch,
    user_or_error,
)
from schakel.cases.services.search_keys import refresh_search_keys
from schakel.domain.actor import Actor
from schakel.domain.criteria import (
    CRITERIA_BY_CODE,
    CriterionAssessment,
    CriterionCode,
    InvalidAssessment,
    assess,
)
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.domain.workflow import Phase

PURPOSE_TRIAGE = "Art. 12.2a triage"
PURPOSE_PREPARATION = "Art. 12.2c-e voorbereiding casustafel"


def _phase_in(case_phase: str, *phases: Phase) -> None:
    if case_phase not in phases:
        raise CaseForbidden(_("This is not possible in the current phase."), "phase_not_allowed")


def criteria_input(rows: list[tuple[str, bool, str]]) -> list[CriterionAssessment]:
    """Assessments from raw input; a missing motivation is a field error, not a crash."""
    errors: dict[str, list[str]] = {}
    items = []
    for code, holds, motivation in rows:
        try:
            items.append(CriterionAssessment(CriterionCode(code), holds, motivation))
        except InvalidAssessment as exc:
            errors.setdefault(f"criteria.{code}", []).append(exc.reason_nl)
    raise_if(errors)
    return items


@case_write
def triage_record_criteria(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    assessments: list[CriterionAssessment],
    referrer_consulted: bool,
) -> bool:
    """The four criteria of Bijlage 2, each with a motivation; returns whether they are met."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director)
    _phase_in(case.phase, Phase.triage)
    try:
        result = assess(assessments)
    except InvalidAssessment as exc:
        code = exc.code.split(":", 1)[-1]
        raise_if({f"criteria.{code}" if code in CRITERIA_BY_CODE else "criteria": [exc.reason_nl]})
        raise  # pragma: no cover
    now = timezone.now()
    TriageAssessment.objects.filter(case=case).delete()
    TriageAssessment.objects.bulk_create(
        TriageAssessment(
            case=case,
            criterion=item.criterion.value,
            holds=item.holds,
            motivation=item.motivation.strip(),
            assessed_by_id=actor.user_id,
            assessed_at=now,
        )
        for item in result.assessments
    )
    case.criteria_met = result.met
    case.criteria_explanation = result.explanation_nl
    case.referrer_consulted = referrer_consulted
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="criteria",
        detail="met" if result.met else "not_met",
        purpose=PURPOSE_TRIAGE,
    )
    return result.met


@case_write
def consultation_request(
    *, actor: Actor, ctx: AuditContext, case_id: int, expected_version: int, party_ids: list[int]
) -> list[Consultation]:
    """Ask parties whether they know the subject (Art. 1.8, 12.2b); they may then see the case."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director)
    _phase_in(case.phase, Phase.triage)
    errors: dict[str, list[str]] = {}
    if not party_ids:
        errors["party_ids"] = [_("Choose at least one party.")]
    parties = []
    for party_id in party_ids:
        party = party_or_error(errors, "party_ids", party_id)
        if party is not None and party.kind == PartyKind.house:
            errors.setdefault("party_ids", []).append(_("Choose parties from the list."))
        parties.append(party)
    raise_if(errors)
    now = timezone.now()
    created = []
    for party in parties:
        assert party is not None
        consultation, new = Consultation.objects.get_or_create(
            case=case, party=party, defaults={"asked_by_id": actor.user_id, "asked_at": now}
        )
        if new:
            created.append(consultation)
            CaseParty.objects.get_or_create(
                case=case,
                party=party,
                relation=CaseRelationKind.consulted,
                removed_at=None,
                defaults={
                    "justification": _("Consulted in triage (Art. 1.8, 12.2b)."),
                    "added_by_id": actor.user_id,
                    "added_at": now,
                },
            )
    refresh_search_keys(case.pk)
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="consulted",
        detail=", ".join(c.party.name for c in created),
        purpose=PURPOSE_TRIAGE,
    )
    return created


@case_write
def consultation_answer(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    answer: str,
    contact_person: str,
    note: str = "",
) -> Consultation:
    """The consulted party answers: known / not known, a contact, a short note. Nothing more."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=None)
    _phase_in(case.phase, Phase.triage)
    consultation = Consultation.objects.filter(case=case, party_id=actor.party_id).first()
    if consultation is None:
        raise CaseForbidden(_("Your party was not asked about this case."), "not_consulted")
    errors: dict[str, list[str]] = {}
    if answer not in (ConsultationAnswer.known, ConsultationAnswer.not_known):
        errors["answer"] = [_("Choose known or not known.")]
    if len(note or "") > 500:
        errors["note"] = [_("Keep the note short: at most 500 characters.")]
    if answer == ConsultationAnswer.known:
        contact_person = required_text(
            errors, "contact_person", contact_person, _("Name a contact person.")
        )
    if len(contact_person or "") > 200:
        errors["contact_person"] = [_("At most 200 characters.")]
    raise_if(errors)
    consultation.answer = answer
    consultation.contact_person = (contact_person or "").strip()
    consultation.note = (note or "").strip()
    consultation.answered_by_id = actor.user_id
    consultation.answered_at = timezone.now()
    consultation.save()
    # Additive: the answer overwrites nothing of anyone else, so it does not bump the version.
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="answered",
        detail=consultation.party.name,
        purpose=PURPOSE_TRIAGE,
        bump=False,
    )
    return consultation


@case_write
def case_assign_process_director(
    *, actor: Actor, ctx: AuditContext, case_id: int, expected_version: int, user_id: int | None
) -> None:
    """A process director of the house takes (or hands over) the direction of the case."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director)
    errors: dict[str, list[str]] = {}
    user = user_or_error(errors, "process_director", user_id, Role.process_director)
    raise_if(errors)
    assert user is not None
    case.process_director = user
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="process_director",
        detail=user.get_full_name(),
        purpose=PURPOSE_TRIAGE,
    )


@case_write
def conference_prepare(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    conference_goal: str,
    conference_date: date | None,
    invitations: list[tuple[int | None, str]],
) -> None:
    """Goal and themes, the date, and the parties invited with why each may take part
    (Art. 12.2c-e, 15.2). Also used to put a running case back on an agenda."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director, Role.conference_secretary)
    _phase_in(case.phase, Phase.preparation, Phase.execution)
    errors: dict[str, list[str]] = {}
    goal = required_text(
        errors,
        "conference_goal",
        conference_goal,
        _("Describe the goal of the conference, the decisions needed and the themes."),
    )
    if conference_date is None:
        errors["conference_date"] = [_("Choose the date of the conference.")]
    elif conference_date < timezone.localdate():
        errors["conference_date"] = [_("The date of the conference cannot be in the past.")]
    parties = []
    for index, (party_id, justification) in enumerate(invitations):
        party = party_or_error(errors, f"invitations[{index}].party", party_id)
        text = required_text(
            errors,
            f"invitations[{index}].justification",
            justification,
            _("Record why this party may lawfully and directly take part (Art. 12.2e)."),
        )
        if party is not None and party.kind == PartyKind.house:
            errors.setdefault(f"invitations[{index}].party", []).append(
                _("Choose parties from the list.")
            )
        parties.append((party, text))
    raise_if(errors)
    now = timezone.now()
    for party, text in parties:
        assert party is not None
        row = CaseParty.objects.filter(
            case=case, party=party, relation=CaseRelationKind.invited, removed_at__isnull=True
        ).first()
        if row is None:
            CaseParty.objects.create(
                case=case,
                party=party,
                relation=CaseRelationKind.invited,
                justification=text,
                added_by_id=actor.user_id,
                added_at=now,
            )
        elif row.justification != text:
            row.justification = text
            row.save(update_fields=["justification"])
    refresh_search_keys(case.pk)
    case.conference_goal = goal
    case.conference_date = conference_date
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="prepared",
        detail=conference_date.isoformat() if conference_date else "",
        purpose=PURPOSE_PREPARATION,
    )


@case_write
def conference_reschedule(
    *, actor: Actor, ctx: AuditContext, case_id: int, expected_version: int, conference_date: date
) -> None:
    """Move the date of the conference the case is on (Art. 12.2d), when the meeting it is on
    is moved (meetings app). Only a case that has a conference date; goal and invitations stay."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director, Role.conference_secretary)
    _phase_in(case.phase, Phase.preparation, Phase.case_conference, Phase.mdo, Phase.execution)
    if case.conference_date is None:
        raise_if({"conference_date": [_("Choose the date of the conference.")]})
    if conference_date < timezone.localdate():
        raise_if({"conference_date": [_("The date of the conference cannot be in the past.")]})
    case.conference_date = conference_date
    touch(
        case,
        actor=actor,
        ctx=ctx,
        kind="prepared",
        detail=conference_date.isoformat(),
        purpose=PURPOSE_PREPARATION,
    )


@case_write
def case_party_invite(
    *,
    actor: Actor,
    ctx: AuditContext,
    case_id: int,
    expected_version: int,
    party_id: int | None,
    justification: str,
) -> CaseParty:
    """Record one party invited to discuss the case, with why it may lawfully and directly take
    part (Art. 12.2e, 15.2); used by the agenda of a case conference or MDO (meetings app).
    An invitation that exists keeps its row and takes the new justification."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director, Role.conference_secretary)
    _phase_in(case.phase, Phase.preparation, Phase.case_conference, Phase.mdo, Phase.execution)
    errors: dict[str, list[str]] = {}
    party = party_or_error(errors, "party", party_id)
    text = required_text(
        errors,
        "justification",
        justification,
        _("Record why this party may lawfully and directly take part (Art. 12.2e)."),
    )
    if party is not None and party.kind == PartyKind.house:
        errors.setdefault("party", []).append(_("Choose parties from the list."))
    raise_if(errors)
    assert party is not None
    row = CaseParty.objects.filter(
        case=case, party=party, relation=CaseRelationKind.invited, removed_at__isnull=True
    ).first()
    if row is None:
        row = CaseParty.objects.create(
            case=case,
            party=party,
            relation=CaseRelationKind.invited,
            justification=text,
            added_by_id=actor.user_id,
            added_at=timezone.now(),
        )
    elif row.justification != text:
        row.justification = text
        row.save(update_fields=["justification"])
    refresh_search_keys(case.pk)
    touch(
        case, actor=actor, ctx=ctx, kind="invited", detail=party.name, purpose=PURPOSE_PREPARATION
    )
    return row


@case_write
def case_party_remove(
    *, actor: Actor, ctx: AuditContext, case_id: int, expected_version: int, case_party_id: int
) -> None:
    """End a party's involvement; its access ends at once. Referrer and municipality stay.
    The conference secretary, who keeps the invitations (Art. 15.2), may end an invitation."""
    case = lock_case(actor=actor, ctx=ctx, case_id=case_id, expected_version=expected_version)
    require_role(actor, Role.process_director, Role.conference_secretary)
    row = CaseParty.objects.filter(pk=case_party_id, case=case, removed_at__isnull=True).first()
    if row is None or row.relation in (CaseRelationKind.referrer, CaseRelationKind.municipality):
        raise_if({"case_party": [_("This involvement cannot be ended.")]})
        return  # pragma: no cover
    if row.relation == CaseRelationKind.case_director and case.case_director_id is not None:
        # The case director reads the case through this involvement (Art. 13.1; issue #9).
        raise_if({"case_party": [_("This involvement cannot be ended.")]})
    if row.relation != CaseRelationKind.invited and not actor.has(Role.process_director):
        raise CaseForbidden(_("Your role may not do this."), "role_not_allowed")
    row.removed_at = timezone.now()
    row.save(update_fields=["removed_at"])
    refresh_search_keys(case.pk)
    touch(
        case, actor=actor, ctx=ctx, kind="party_removed", detail=row.party.name, purpose="Art. 17"
    )
