"""Moving a case: transitions, triage, consultations, process and case director, conference."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases import selectors, services
from schakel.cases.api import serializers as s
from schakel.cases.api.views._base import (
    ERRORS,
    EX_CHANGED,
    EX_ILLEGAL,
    TAG,
    CaseAPIView,
    run,
)
from schakel.domain.workflow import Action, Decision


class CaseTransitionView(CaseAPIView):
    @extend_schema(
        operation_id="cases_transition",
        tags=[TAG],
        summary="Een stap in het werkproces (Bijlage 3); 409 met de reden als het niet mag",
        request=s.TransitionInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Toelaten tot de casustafel",
                value={"action": "admit", "expected_version": 5, "admission_table": "regional"},
                request_only=True,
            ),
            OpenApiExample(
                "Besluit casustafel",
                value={
                    "action": "record_conference_decision",
                    "expected_version": 9,
                    "decision": "process_direction_house",
                    "motivation": "Meerdere ketens nodig; het VHH voert procesregie.",
                },
                request_only=True,
            ),
            EX_ILLEGAL,
            EX_CHANGED,
        ],
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.TransitionInSerializer, request)
        handover = data.get("handover_party")
        return run(
            lambda: services.case_transition(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                action=Action(data["action"]),
                motivation=data["motivation"],
                decision=Decision(data["decision"]) if data.get("decision") else None,
                admission_table=data["admission_table"],
                handover_party_id=handover.pk if handover else None,
                handover_note=data["handover_note"],
                closure_criteria_met=data["closure_criteria_met"],
            ),
            lambda _row: self.detail(request, case_id),
        )


class CaseCriteriaView(CaseAPIView):
    @extend_schema(
        operation_id="cases_triage_criteria",
        tags=[TAG],
        summary="Triage: de vier criteria van Bijlage 2, elk met motivering",
        request=s.CriteriaInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Criteria 1, 3 en 4",
                value={
                    "expected_version": 2,
                    "referrer_consulted": True,
                    "criteria": [
                        {"criterion": "safety_problem", "holds": True, "motivation": "Overlast."},
                        {"criterion": "social_system", "holds": False, "motivation": "Alleen."},
                        {"criterion": "cross_chain", "holds": True, "motivation": "Zorg en straf."},
                        {"criterion": "multi_problem", "holds": True, "motivation": "Wonen."},
                    ],
                },
                request_only=True,
            ),
            EX_CHANGED,
        ],
    )
    def put(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.CriteriaInSerializer, request)
        rows = [(c["criterion"], c["holds"], c["motivation"]) for c in data["criteria"]]
        return run(
            lambda: services.triage_record_criteria(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                assessments=services.criteria_input(rows),
                referrer_consulted=data["referrer_consulted"],
            ),
            lambda _r: self.detail(request, case_id),
        )


class CaseConsultationRequestView(CaseAPIView):
    @extend_schema(
        operation_id="cases_consultations_request",
        tags=[TAG],
        summary="Triage: partijen bevragen (bekend / niet bekend, Art. 1.8)",
        request=s.ConsultationRequestInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Tactus en Reclassering",
                value={"expected_version": 3, "parties": ["tactus", "reclassering-nederland"]},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.ConsultationRequestInSerializer, request)
        return run(
            lambda: services.consultation_request(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                party_ids=[p.pk for p in data["parties"]],
            ),
            lambda _r: self.detail(request, case_id),
        )


class CaseConsultationAnswerView(CaseAPIView):
    @extend_schema(
        operation_id="cases_consultations_answer",
        tags=[TAG],
        summary="Triage: mijn partij antwoordt (bekend / niet bekend, contact, korte notitie)",
        request=s.ConsultationAnswerInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Bekend",
                value={
                    "answer": "known",
                    "contact_person": "J. de Groot, 038-1234567",
                    "note": "Eerdere behandeling afgebroken.",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.ConsultationAnswerInSerializer, request)
        return run(
            lambda: services.consultation_answer(
                actor=self.actor(request), ctx=self.ctx(request), case_id=case_id, **data
            ),
            lambda _r: self.detail(request, case_id),
        )


class CaseProcessDirectorView(CaseAPIView):
    @extend_schema(
        operation_id="cases_process_director",
        tags=[TAG],
        summary="De procesregisseur van de casus aanwijzen (Art. 12)",
        request=s.PersonInSerializer,
        responses={
            200: s.CaseDetailSerializer,
            204: OpenApiResponse(
                description="Overgedragen aan een andere procesregisseur: u ziet de casus niet "
                "meer (een procesregisseur leest alleen de casussen die hij of zij regisseert)."
            ),
            **ERRORS,
        },
        examples=[
            OpenApiExample(
                "Aanwijzen",
                value={"expected_version": 3, "username": "procesregisseur2"},
                request_only=True,
            )
        ],
    )
    def put(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.PersonInSerializer, request)
        return run(
            lambda: services.case_assign_process_director(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                user_id=data["username"].pk,
            ),
            lambda _r: self._after_handover(request, case_id),
        )

    def _after_handover(self, request: Request, case_id: int) -> Response:
        # Handing a case to a colleague ends one's own access to it (docs/sharing.md): the
        # change is done, but the case is no longer the caller's to read.
        if not selectors.case_visible_to(self.actor(request), case_id):
            return Response(status=204)
        return self.detail(request, case_id)


class CaseConferenceView(CaseAPIView):
    @extend_schema(
        operation_id="cases_conference_prepare",
        tags=[TAG],
        summary="Casustafel voorbereiden: doel, datum, uitgenodigde partijen met grond (12.2c-e)",
        request=s.ConferenceInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Voorbereiden",
                value={
                    "expected_version": 6,
                    "conference_goal": "Richting bepalen en procesregie beleggen.",
                    "conference_date": "2026-12-07",
                    "invitations": [
                        {"party": "tactus", "justification": "Behandelaar van betrokkene."}
                    ],
                },
                request_only=True,
            )
        ],
    )
    def put(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.ConferenceInSerializer, request)
        return run(
            lambda: services.conference_prepare(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                conference_goal=data["conference_goal"],
                conference_date=data["conference_date"],
                invitations=[(i["party"].pk, i["justification"]) for i in data["invitations"]],
            ),
            lambda _r: self.detail(request, case_id),
        )


class CaseDirectorView(CaseAPIView):
    @extend_schema(
        operation_id="cases_case_director",
        tags=[TAG],
        summary="MDO: de casusregisseur aanwijzen (Art. 13.1)",
        request=s.PersonInSerializer,
        responses={200: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Reclassering",
                value={"expected_version": 11, "username": "reclassering"},
                request_only=True,
            )
        ],
    )
    def put(self, request: Request, case_id: int) -> Response:
        data = self.valid(s.PersonInSerializer, request)
        return run(
            lambda: services.case_director_assign(
                actor=self.actor(request),
                ctx=self.ctx(request),
                case_id=case_id,
                expected_version=data["expected_version"],
                user_id=data["username"].pk,
            ),
            lambda _r: self.detail(request, case_id),
        )
