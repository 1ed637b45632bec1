"""Shapes of the case API: input serializers validate form, services validate meaning."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from schakel.accounts.models import User
from schakel.cases.models import (
    ActionStatus,
    ConferenceTable,
    ConsultationAnswer,
    LifeDomain,
    SubjectRelation,
)
from schakel.cases.selectors import CaseView
from schakel.domain.criteria import CriterionCode
from schakel.domain.target_groups import Inflow, TargetGroup
from schakel.domain.workflow import Action, Decision, Phase
from schakel.parties.models import Party

S = serializers


def _party_field(**kw: Any) -> S.SlugRelatedField[Party]:
    return S.SlugRelatedField(slug_field="slug", queryset=Party.objects.all(), **kw)


def _user_field(**kw: Any) -> S.SlugRelatedField[User]:
    return S.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), **kw
    )


class VersionedSerializer(S.Serializer[Any]):
    expected_version = S.IntegerField(
        min_value=1, help_text="De versie van de casus waarop deze wijziging is gebaseerd."
    )


# --------------------------------------------------------------------------- input


class SubjectInSerializer(S.Serializer[Any]):
    first_name = S.CharField(max_length=100)
    last_name = S.CharField(max_length=150)
    date_of_birth = S.DateField()
    bsn = S.CharField(max_length=20, required=False, allow_blank=True, default="")
    address = S.CharField(max_length=300, required=False, allow_blank=True, default="")
    relation = S.ChoiceField(choices=SubjectRelation.values, default=SubjectRelation.subject)


class ReferralInSerializer(S.Serializer[Any]):
    subjects = SubjectInSerializer(many=True, allow_empty=False)
    municipality = _party_field()
    target_group = S.ChoiceField(choices=[t.value for t in TargetGroup])
    inflow = S.ChoiceField(choices=[i.value for i in Inflow])
    reason = S.CharField(max_length=5000)
    goal = S.CharField(max_length=5000)
    involved_parties = S.ListField(child=_party_field(), required=False, default=list)


class TransitionInSerializer(VersionedSerializer):
    action = S.ChoiceField(choices=[a.value for a in Action])
    motivation = S.CharField(max_length=5000, required=False, allow_blank=True, default="")
    decision = S.ChoiceField(choices=[d.value for d in Decision], required=False)
    admission_table = S.ChoiceField(
        choices=ConferenceTable.values, required=False, allow_blank=True, default=""
    )
    handover_party = _party_field(required=False)
    handover_note = S.CharField(max_length=5000, required=False, allow_blank=True, default="")
    closure_criteria_met = S.BooleanField(
        required=False, allow_null=True, default=None, help_text="Art. 8.4d, with decide_closure"
    )


class CriterionInSerializer(S.Serializer[Any]):
    criterion = S.ChoiceField(choices=[c.value for c in CriterionCode])
    holds = S.BooleanField()
    motivation = S.CharField(max_length=5000, allow_blank=True)


class CriteriaInSerializer(VersionedSerializer):
    referrer_consulted = S.BooleanField()
    criteria = CriterionInSerializer(many=True)


class ConsultationRequestInSerializer(VersionedSerializer):
    parties = S.ListField(child=_party_field(), allow_empty=False)


class ConsultationAnswerInSerializer(S.Serializer[Any]):
    answer = S.ChoiceField(choices=[ConsultationAnswer.known, ConsultationAnswer.not_known])
    contact_person = S.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = S.CharField(max_length=500, required=False, allow_blank=True, default="")


class PersonInSerializer(VersionedSerializer):
    username = _user_field()


class InvitationInSerializer(S.Serializer[Any]):
    party = _party_field()
    justification = S.CharField(max_length=2000, allow_blank=True)


class ConferenceInSerializer(VersionedSerializer):
    conference_goal = S.CharField(max_length=5000, allow_blank=True)
    conference_date = S.DateField()
    invitations = InvitationInSerializer(many=True)


class InformingInSerializer(VersionedSerializer):
    informer_party = _party_field()
    inform_on = S.DateField(required=False, allow_null=True, default=None)
    postponed_reason = S.CharField(max_length=2000, required=False, allow_blank=True, default="")


class GoalInSerializer(S.Serializer[Any]):
    life_domain = S.ChoiceField(choices=LifeDomain.values)
    goal = S.CharField(max_length=2000)


class ActionInSerializer(S.Serializer[Any]):
    life_domain = S.ChoiceField(choices=LifeDomain.values)
    description = S.CharField(max_length=500)
    owning_party = _party_field()
    owner = _user_field(required=False, allow_null=True, default=None)
    due_on = S.DateField()


class PlanInSerializer(VersionedSerializer):
    goals = GoalInSerializer(many=True)
    closure_criteria = S.CharField(max_length=5000, allow_blank=True)
    actions = ActionInSerializer(many=True, required=False, default=list)
    reason = S.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ActionUpdateInSerializer(VersionedSerializer):
    status = S.ChoiceField(choices=ActionStatus.values)
    due_on = S.DateField(required=False, allow_null=True, default=None)


class NoteInSerializer(S.Serializer[Any]):
    text = S.CharField(max_length=5000)


# --------------------------------------------------------------------------- output


class CaseSummarySerializer(S.Serializer[Any]):
    id = S.IntegerField()
    number = S.CharField()
    phase = S.ChoiceField(choices=[p.value for p in Phase])
    target_group = S.CharField()
    municipality = S.CharField(source="municipality.slug")
    referring_party = S.CharField(source="referring_party.slug")
    process_director = S.CharField(source="process_director.username", allow_null=True)
    subjects = S.SerializerMethodField()
    updated_at = S.DateTimeField()
    version = S.IntegerField()

    def get_subjects(self, case: Any) -> list[dict[str, str]]:
        return [
            {
                "first_name": subject.first_name,
                "last_name": subject.last_name,
                "date_of_birth": subject.date_of_birth.isoformat(),
            }
            for subject in case.subjects
        ]


class CaseListSerializer(S.Serializer[Any]):
    results = CaseSummarySerializer(many=True)
    next = S.CharField(allow_null=True, help_text="Cursor voor de volgende pagina, of null.")


class CaseDetailSerializer(S.Serializer[Any]):
    """The case as the actor may see it now."""

    id = S.IntegerField()
    number = S.CharField()
    phase = S.CharField()
    version = S.IntegerField()
    target_group = S.CharField()
    inflow = S.CharField()
    municipality = S.CharField()
    referring_party = S.CharField()
    referred_by = S.CharField()
    reason = S.CharField()
    goal = S.CharField()
    subjects = S.ListField(child=S.DictField())
    parties = S.ListField(child=S.DictField())
    triage = S.DictField()
    consultations = S.ListField(child=S.DictField())
    conference = S.DictField()
    process_director = S.CharField(allow_null=True)
    case_director = S.CharField(allow_null=True)
    informing = S.DictField()
    plan = S.DictField(allow_null=True)
    actions = S.ListField(child=S.DictField())
    closure = S.DictField()
    transitions = S.ListField(child=S.DictField())
    allowed_actions = S.ListField(child=S.CharField())


def _name(user: Any) -> str | None:
    return user.username if user is not None else None


def case_detail_data(view: CaseView, allowed: list[str]) -> dict[str, Any]:
    case = view.case
    plan = view.plan
    return {
        "id": case.pk,
        "number": case.number,
        "phase": case.phase,
        "version": case.version,
        "target_group": case.target_group,
        "inflow": case.inflow,
        "municipality": case.municipality.slug,
        "referring_party": case.referring_party.slug,
        "referred_by": case.referred_by.username,
        "reason": case.reason,
        "goal": case.goal,
        "subjects": [
            {
                "first_name": link.subject.first_name,
                "last_name": link.subject.last_name,
                "date_of_birth": link.subject.date_of_birth.isoformat(),
                "bsn": link.subject.bsn,
                "address": link.subject.address,
                "relation": link.relation,
            }
            for link in view.subjects
        ],
        "parties": [
            {"party": p.party.slug, "relation": p.relation, "justification": p.justification}
            for p in view.parties
        ],
        "triage": {
            "referrer_consulted": case.referrer_consulted,
            "criteria_met": case.criteria_met,
            "explanation": case.criteria_explanation,
            "criteria": [
                {"criterion": a.criterion, "holds": a.holds, "motivation": a.motivation}
                for a in view.assessments
            ],
            "admission_table": case.admission_table,
            "refusal_reason": case.refusal_reason,
        },
        "consultations": [
            {
                "party": c.party.slug,
                "answer": c.answer,
                "contact_person": c.contact_person,
                "note": c.note,
            }
            for c in view.consultations
        ],
        "conference": {
            "goal": case.conference_goal,
            "date": case.conference_date.isoformat() if case.conference_date else None,
            "decision": case.decision,
            "decision_motivation": case.decision_motivation,
        },
        "process_director": _name(case.process_director),
        "case_director": _name(case.case_director),
        "informing": {
            "informer_party": case.informer_party.slug if case.informer_party else None,
            "inform_on": case.inform_on.isoformat() if case.inform_on else None,
            "postponed_reason": case.inform_postponed_reason,
        },
        "plan": None
        if plan is None
        else {
            "version": plan.number,
            "goals": plan.goals,
            "closure_criteria": plan.closure_criteria,
            "reason": plan.reason,
            "changed_by": plan.changed_by.username,
            "changed_at": plan.changed_at.isoformat(),
        },
        "actions": [
            {
                "id": a.pk,
                "life_domain": a.life_domain,
                "description": a.description,
                "owning_party": a.owning_party.slug,
                "owner": _name(a.owner),
                "due_on": a.due_on.isoformat(),
                "status": a.status,
                "overdue": a in view.overdue,
            }
            for a in view.actions
        ],
        "closure": {
            "reason": case.closure_reason,
            "handover_party": case.handover_party.slug if case.handover_party else None,
            "handover_note": case.handover_note,
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        },
        "transitions": [
            {
                "action": t.action,
                "from": t.from_phase,
                "to": t.to_phase,
                "decision": t.decision,
                "motivation": t.motivation,
                "by": t.actor.username,
                "at": t.occurred_at.isoformat(),
            }
            for t in view.transitions
        ],
        "allowed_actions": allowed,
    }
