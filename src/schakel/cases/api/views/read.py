"""Reading cases: the policy-filtered list and one case."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
)
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases import list_selectors, services
from schakel.cases.api import serializers as s
from schakel.cases.api.views._base import (
    ERRORS,
    TAG,
    CaseAPIView,
    date_param,
    int_param,
    run,
)
from schakel.domain.workflow import Phase


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
            OpenApiParameter(
                "last_name", str, description="hele achternaam; resultaten nieuwste casus eerst"
            ),
            OpenApiParameter("date_of_birth", date),
            OpenApiParameter("cursor", str, description="`next` van de vorige pagina"),
            OpenApiParameter("limit", int, description="1-100, standaard 25"),
        ],
        responses={200: s.CaseListSerializer, 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request: Request) -> Response:
        limit = int_param(request, "limit") or 25
        if not 1 <= limit <= 100:
            raise exceptions.ValidationError({"limit": [_("Use a number from 1 to 100.")]})
        phase = request.query_params.get("phase") or None
        if phase is not None and phase not in Phase.__members__:
            raise exceptions.ValidationError({"phase": [_("Unknown phase.")]})
        cursor = request.query_params.get("cursor") or None
        if cursor is not None and list_selectors.decode_cursor(cursor) is None:
            raise exceptions.ValidationError({"cursor": [_("Unknown cursor.")]})
        filters = list_selectors.CaseFilters(
            phase=phase,
            target_group=request.query_params.get("target_group") or None,
            municipality_id=int_param(request, "municipality"),
            referring_party_id=int_param(request, "referring_party"),
            process_director_id=int_param(request, "process_director"),
            mine=request.query_params.get("mine") in ("1", "true"),
            last_name=request.query_params.get("last_name") or None,
            date_of_birth=date_param(request, "date_of_birth"),
        )
        page = list_selectors.case_list_for(
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
