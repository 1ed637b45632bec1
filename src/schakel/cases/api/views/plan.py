"""Carrying out the case: informing the subject, the plan of action, its actions, progress notes."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases import services
from schakel.cases.api import serializers as s
from schakel.cases.api.views._base import (
    ERRORS,
    TAG,
    CaseAPIView,
    run,
)


class CaseInformingView(CaseAPIView):
    @extend_schema(
        operation_id="cases_informing",
        tags=[TAG],
        summary="MDO: wie de betrokkene informeert, en wanneer (of waarom nog niet)",
        request=s.InformingInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Uitgesteld",
                value={
                    "expected_version": 11,
                    "informer_party": "politie",
                    "inform_on": None,
                    "postponed_reason": "Lopend opsporingsonderzoek.",
                },
                request_only=True,
            )
        ],
    )
    def put(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.InformingInSerializer, request)
        return run(
            lambda: services.case_informing_set(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                informer_party_id=data["informer_party"].pk,
                inform_on=data["inform_on"],
                postponed_reason=data["postponed_reason"],
            ),
            lambda _r: self.detail(request, case_id),
        )


class CasePlanView(CaseAPIView):
    @extend_schema(
        operation_id="cases_plan_save",
        tags=[TAG],
        summary="Plan van aanpak: een nieuwe versie (vaststellen of bijstellen, Art. 8.4)",
        request=s.PlanInSerializer,
        responses={201: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Eerste versie",
                value={
                    "expected_version": 12,
                    "goals": [{"life_domain": "housing", "goal": "Een vaste woonplek."}],
                    "closure_criteria": "Vaste woonplek en behandeling loopt drie maanden.",
                    "actions": [
                        {
                            "life_domain": "housing",
                            "description": "Woonplek via de gemeente",
                            "owning_party": "gemeente-zwolle",
                            "due_on": "2027-01-15",
                        }
                    ],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.PlanInSerializer, request)
        goals = [services.GoalInput(g["life_domain"], g["goal"]) for g in data["goals"]]
        actions = [
            services.ActionInput(
                a["life_domain"],
                a["description"],
                a["owning_party"].pk,
                a["due_on"],
                a["owner"].pk if a["owner"] else None,
            )
            for a in data["actions"]
        ]
        return run(
            lambda: services.plan_save(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                goals=goals,
                closure_criteria=data["closure_criteria"],
                new_actions=actions,
                reason=data["reason"],
            ),
            lambda _r: self.detail(request, case_id, status=201),
        )


class CaseActionUpdateView(CaseAPIView):
    @extend_schema(
        operation_id="cases_action_update",
        tags=[TAG],
        summary="Status (en eventueel nieuwe termijn) van één actie uit het plan",
        request=s.ActionUpdateInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Afgerond", value={"expected_version": 14, "status": "done"}, request_only=True
            )
        ],
    )
    def patch(self, request: Request, case_id: int, action_id: int) -> Response:
        data = self.valid(s.ActionUpdateInSerializer, request)
        return run(
            lambda: services.plan_action_update(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                action_id=action_id,
                status=data["status"],
                due_on=data["due_on"],
            ),
            lambda _r: self.detail(request, case_id),
        )


class CaseNoteView(CaseAPIView):
    @extend_schema(
        operation_id="cases_note_add",
        tags=[TAG],
        summary="Een voortgangsnotitie toevoegen",
        request=s.NoteInSerializer,
        responses={201: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Notitie",
                value={"text": "Intake bij Tactus heeft plaatsgevonden."},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.NoteInSerializer, request)
        return run(
            lambda: services.progress_note_add(
                actor=self.actor(request), ctx=self.ctx(request), case_id=case_id, text=data["text"]
            ),
            lambda _r: self.detail(request, case_id, status=201),
        )
