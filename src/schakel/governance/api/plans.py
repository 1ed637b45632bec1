"""The annual plan (Art. 4.4, 4.6): drafted by the manager, adopted by the Stuurgroep, sent."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.domain.covenant import Body
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors, services
from schakel.governance.api._common import (
    WRITE_ERRORS,
    decide_open,
    meeting_of,
    refused_example,
    request_example,
    require,
    respond,
    valid,
)
from schakel.governance.api._common import actor as _actor
from schakel.governance.api._common import ctx as _ctx
from schakel.governance.api.serializers import MotionSerializer, ProposalInSerializer
from schakel.governance.models import AnnualPlan, Motion
from schakel.governance.services.plans import PLAN_FIELDS


class AnnualPlanSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    vision = serializers.CharField()
    priorities = serializers.CharField()
    budget = serializers.CharField()
    accounts = serializers.CharField()
    quality = serializers.CharField()
    target_groups = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    sent_on = serializers.DateField(allow_null=True)


class AnnualPlanInSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(min_value=2000, max_value=2200)
    vision = serializers.CharField(required=False, allow_blank=True)
    priorities = serializers.CharField(required=False, allow_blank=True)
    budget = serializers.CharField(required=False, allow_blank=True)
    accounts = serializers.CharField(required=False, allow_blank=True)
    quality = serializers.CharField(required=False, allow_blank=True)
    target_groups = serializers.CharField(required=False, allow_blank=True)


def _plan(request: Request, year: int) -> AnnualPlan:
    actor = _actor(request)
    if not selectors.allows(actor, GovAction.manage_annual_plan) or not 2000 <= year <= 2200:
        raise exceptions.NotFound
    plan = selectors.annual_plan_get(actor, year)
    if plan is None:
        raise exceptions.NotFound
    return plan


class AnnualPlanListView(APIView):
    @extend_schema(
        operation_id="governance_annual_plans_list",
        summary="Jaarplannen (art. 4.4); gemeenten zien een verzonden jaarplan (art. 4.6)",
        responses={200: AnnualPlanSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        plans = selectors.annual_plan_list(_actor(request))
        return Response(AnnualPlanSerializer(plans, many=True).data)

    @extend_schema(
        operation_id="governance_annual_plans_create",
        summary="Het jaarplan van een jaar opstellen of bijwerken (art. 4.4a-e)",
        request=AnnualPlanInSerializer,
        responses={201: AnnualPlanSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Jaarplan",
                {"year": 2027, "vision": "Eén huis voor complexe casuïstiek.", "priorities": ""},
            ),
            refused_example(
                "Het jaarplan is vastgesteld; bijstellen is een nieuw besluit van de Stuurgroep "
                "(art. 4.4)."
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        require(_actor(request), GovAction.manage_annual_plan)
        d = valid(AnnualPlanInSerializer, request)
        parts = {k: d[k] for k in PLAN_FIELDS if k in d}
        return respond(
            lambda: services.annual_plan_save(
                actor=_actor(request), year=d["year"], ctx=_ctx(request), **parts
            ),
            lambda p: AnnualPlanSerializer(p).data,
        )


class AnnualPlanProposalView(APIView):
    @extend_schema(
        operation_id="governance_annual_plans_proposal_create",
        summary="Het jaarplan ter vaststelling aan de Stuurgroep voorleggen (art. 4.4)",
        request=ProposalInSerializer,
        responses={201: MotionSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Voorleggen", {"meeting": 3}),
            refused_example("De Stuurgroep stelt het jaarplan vast (art. 4.4)."),
        ],
    )
    def post(self, request: Request, year: int) -> Response:
        actor = _actor(request)
        plan = _plan(request, year)
        meeting = meeting_of(actor, valid(ProposalInSerializer, request)["meeting"])
        return respond(
            lambda: services.motion_create(
                actor=actor,
                body=Body.STEERING_GROUP,
                meeting=meeting,
                title=f"Vaststellen jaarplan {year}",
                kind=Motion.Kind.ANNUAL_PLAN,
                annual_plan=plan,
                ctx=_ctx(request),
            ),
            lambda m: MotionSerializer(m).data,
        )


class AnnualPlanAdoptionView(APIView):
    @extend_schema(
        operation_id="governance_annual_plans_adoption_create",
        summary="Het besluit van de Stuurgroep over het jaarplan vastleggen; 409 zolang een deel "
        "van art. 4.4 ontbreekt",
        request=None,
        responses={200: MotionSerializer, **WRITE_ERRORS},
        examples=[refused_example("Het jaarplan mist nog: de begroting (art. 4.4c) (art. 4.4).")],
    )
    def post(self, request: Request, year: int) -> Response:
        actor = _actor(request)
        plan = _plan(request, year)
        return respond(
            lambda: decide_open(actor, plan.motions.all(), request),
            lambda m: MotionSerializer(m).data,
            status=200,
        )


class AnnualPlanSendView(APIView):
    @extend_schema(
        operation_id="governance_annual_plans_sending_create",
        summary="Het vastgestelde jaarplan ter informatie aan gemeenten en kerngroep zenden "
        "(art. 4.6)",
        request=None,
        responses={200: AnnualPlanSerializer, **WRITE_ERRORS},
        examples=[refused_example("Het jaarplan is nog niet door de Stuurgroep vastgesteld.")],
    )
    def post(self, request: Request, year: int) -> Response:
        plan = _plan(request, year)
        return respond(
            lambda: services.annual_plan_send(actor=_actor(request), plan=plan, ctx=_ctx(request)),
            lambda p: AnnualPlanSerializer(p).data,
            status=200,
        )
