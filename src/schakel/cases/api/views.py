"""The case API under /api/v1/cases: one APIView per operation, each calling one service or
selector. Errors are problem+json; an invisible case is the same 404 as a missing one; an
illegal step is 409 with the Dutch reason from the workflow table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.selectors import actor_for
from schakel.api.problems import CONTENT_TYPE, problem_body
from schakel.api.serializers import ProblemSerializer
from schakel.audit.record import AuditContext
from schakel.cases import selectors, services
from schakel.cases.api import serializers as s
from schakel.cases.errors import (
    CaseChanged,
    CaseForbidden,
    CaseNotFound,
    IllegalTransition,
    InvalidInput,
)
from schakel.domain.actor import Actor
from schakel.domain.workflow import Action, Decision, Phase

TAG = "Casussen"

PROBLEM = OpenApiResponse(ProblemSerializer, description="problem+json (RFC 9457)")
ERRORS: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(ProblemSerializer, description="Ongeldige invoer; niets opgeslagen."),
    401: OpenApiResponse(ProblemSerializer, description="Niet ingelogd."),
    403: OpenApiResponse(ProblemSerializer, description="Uw rol mag dit niet."),
    404: OpenApiResponse(ProblemSerializer, description="Casus bestaat niet of is niet zichtbaar."),
    409: OpenApiResponse(
        ProblemSerializer,
        description="De casus is intussen gewijzigd (case-changed), de stap is niet toegestaan "
        "(illegal-transition), de casus is afgesloten (case-closed) of dit kan niet in de "
        "huidige fase (wrong-phase).",
    ),
}
EX_ILLEGAL = OpenApiExample(
    "Stap niet toegestaan",
    value={
        "type": "https://schakel.nl/problems/illegal-transition",
        "title": "Stap niet toegestaan",
        "status": 409,
        "detail": "Beoordeel alle vier criteria voor complexe casuïstiek, elk met een motivering "
        "(Bijlage 2).",
        "code": "missing_fact:criteria_assessed",
    },
    response_only=True,
    status_codes=["409"],
)
EX_CHANGED = OpenApiExample(
    "Intussen gewijzigd",
    value={
        "type": "https://schakel.nl/problems/case-changed",
        "title": "Casus intussen gewijzigd",
        "status": 409,
        "detail": "De casus is intussen gewijzigd door iemand anders. Uw wijzigingen zijn niet "
        "opgeslagen; laad de casus opnieuw en probeer het nog eens.",
        "current_version": 4,
    },
    response_only=True,
    status_codes=["409"],
)


def _problem(status: int, kind: str, title: str, detail: str, **extra: Any) -> Response:
    body = problem_body(status=status, kind=kind, title=title, detail=detail, **extra)
    return Response(body, status=status, content_type=CONTENT_TYPE)


def _invalid(errors: dict[str, list[str]]) -> Response:
    params = [
        {"name": name, "code": "invalid", "reason": message}
        for name, messages in errors.items()
        for message in messages
    ]
    return _problem(
        400,
        "validation-error",
        _("Invalid input"),
        _("One or more fields are invalid."),
        invalid_params=params,
    )


def run(call: Callable[[], Any], ok: Callable[[Any], Response]) -> Response:
    """Call one service and turn its domain errors into problem+json."""
    try:
        result = call()
    except CaseNotFound:
        raise exceptions.NotFound from None
    except CaseChanged as exc:
        return _problem(
            409,
            "case-changed",
            _("Case changed in the meantime"),
            exc.reason_nl,
            current_version=exc.current_version,
        )
    except IllegalTransition as exc:
        return _problem(
            409, "illegal-transition", _("Step not allowed"), exc.reason_nl, code=exc.code
        )
    except CaseForbidden as exc:
        if exc.code == "closed":
            return _problem(409, "case-closed", _("Case closed"), exc.reason_nl)
        if exc.code == "phase_not_allowed":
            return _problem(409, "wrong-phase", _("Not in this phase"), exc.reason_nl)
        return _problem(403, "forbidden", _("Forbidden"), exc.reason_nl, code=exc.code)
    except InvalidInput as exc:
        return _invalid(exc.errors)
    return ok(result)


class CaseAPIView(APIView):
    def actor(self, request: Request) -> Actor:
        return actor_for(request.user)  # type: ignore[arg-type]

    def ctx(self, request: Request) -> AuditContext:
        return AuditContext.from_request(request._request)

    def valid(self, serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def detail(self, request: Request, case_id: int, status: int = 200) -> Response:
        actor = self.actor(request)
        case = selectors.case_get_for(actor=actor, case_id=case_id, ctx=self.ctx(request))
        if case is None:
            raise exceptions.NotFound
        view = selectors.case_view(case=case)
        allowed = [a.value for a in selectors.case_allowed_actions(actor=actor, case=case)]
        return Response(s.case_detail_data(view, allowed), status=status)


def _date_param(request: Request, name: str) -> date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError({name: [_("Use a date like 2001-04-12.")]}) from None


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if not value:
        return None
    if not value.isdecimal() or len(value) > 12:
        raise exceptions.ValidationError({name: [_("Use a number.")]})
    return int(value)


class CaseListView(CaseAPIView):
    @extend_schema(
        operation_id="cases_list",
        tags=[TAG],
        summary="Casussen die ik mag zien (keyset-paginering, nieuwste wijziging eerst)",
        parameters=[
            OpenApiParameter("phase", str, enum=[p.value for p in Phase]),
            OpenApiParameter("target_group", str),
            OpenApiParameter("municipality", int, description="id van de gemeente"),
            OpenApiParameter("referring_party", int, description="id van de aanmeldende partij"),
            OpenApiParameter("process_director", int, description="id van de procesregisseur"),
            OpenApiParameter("mine", bool, description="alleen casussen waarbij ik regisseur ben"),
            OpenApiParameter("last_name", str),
            OpenApiParameter("date_of_birth", date),
            OpenApiParameter("cursor", str, description="`next` van de vorige pagina"),
            OpenApiParameter("limit", int, description="1-100, standaard 25"),
        ],
        responses={200: s.CaseListSerializer, 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request: Request) -> Response:
        limit = _int_param(request, "limit") or 25
        if not 1 <= limit <= 100:
            raise exceptions.ValidationError({"limit": [_("Use a number from 1 to 100.")]})
        phase = request.query_params.get("phase") or None
        if phase is not None and phase not in Phase.__members__:
            raise exceptions.ValidationError({"phase": [_("Unknown phase.")]})
        cursor = request.query_params.get("cursor") or None
        if cursor is not None and selectors.decode_cursor(cursor) is None:
            raise exceptions.ValidationError({"cursor": [_("Unknown cursor.")]})
        filters = selectors.CaseFilters(
            phase=phase,
            target_group=request.query_params.get("target_group") or None,
            municipality_id=_int_param(request, "municipality"),
            referring_party_id=_int_param(request, "referring_party"),
            process_director_id=_int_param(request, "process_director"),
            mine=request.query_params.get("mine") in ("1", "true"),
            last_name=request.query_params.get("last_name") or None,
            date_of_birth=_date_param(request, "date_of_birth"),
        )
        page = selectors.case_list_for(
            actor=self.actor(request),
            ctx=self.ctx(request),
            filters=filters,
            cursor=cursor,
            limit=limit,
        )
        data = {"results": page.items, "next": page.next_cursor}
        return Response(s.CaseListSerializer(data).data)


class CaseReferView(CaseAPIView):
    @extend_schema(
        operation_id="cases_refer",
        tags=[TAG],
        summary="Een casus aanmelden (Art. 1.7); polarisatie wordt geweigerd (Art. 2.3)",
        request=s.ReferralInSerializer,
        responses={201: s.CaseDetailSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Veelpleger via ZSM",
                value={
                    "subjects": [
                        {
                            "first_name": "Jeroen",
                            "last_name": "de Vries",
                            "date_of_birth": "2001-04-12",
                            "bsn": "999990019",
                            "address": "Voorbeeldstraat 1, Zwolle",
                        }
                    ],
                    "municipality": "gemeente-zwolle",
                    "target_group": "prolific_offenders",
                    "inflow": "zsm",
                    "reason": "Derde aanhouding in een maand.",
                    "goal": "Samenhangende aanpak van verslaving en wonen.",
                    "involved_parties": ["tactus"],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = self.valid(s.ReferralInSerializer, request)
        subjects = [services.SubjectInput(**item) for item in data["subjects"]]
        return run(
            lambda: services.case_refer(
                actor=self.actor(request),
                ctx=self.ctx(request),
                subjects=subjects,
                municipality_id=data["municipality"].pk,
                target_group=data["target_group"],
                inflow=data["inflow"],
                reason=data["reason"],
                goal=data["goal"],
                involved_party_ids=[p.pk for p in data["involved_parties"]],
            ),
            lambda case: self.detail(request, case.pk, status=201),
        )


class CaseDetailView(CaseAPIView):
    @extend_schema(
        operation_id="cases_retrieve",
        tags=[TAG],
        summary="Eén casus, met de stappen die ik nu mag zetten",
        responses={200: s.CaseDetailSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, case_id: int) -> Response:
        return self.detail(request, case_id)


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
        responses={200: s.CaseDetailSerializer, **ERRORS},
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
            lambda _r: self.detail(request, case_id),
        )


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
