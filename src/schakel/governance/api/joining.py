"""Joining the covenant (Art. 21): requests, the parties' consents."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.domain.governance_policy import GovAction
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import selectors, services
from schakel.governance.api._common import (
    PROBLEM,
    REFUSED,
    call,
    refused_example,
    request_example,
)
from schakel.governance.api._common import actor as _actor
from schakel.governance.api._common import ctx as _ctx
from schakel.governance.api._common import party as _party
from schakel.governance.models import JoinRequest


class ConsentOutSerializer(serializers.Serializer[Any]):
    party = serializers.CharField(source="party.slug")
    answer = serializers.CharField()
    answered_on = serializers.DateField()


class JoinRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    organisation = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=["partner", "municipality"])
    domain = serializers.ChoiceField(choices=["care", "criminal_justice", "municipal"])
    seat = serializers.CharField()
    address = serializers.CharField()
    representative = serializers.CharField()
    representative_function = serializers.CharField()
    contribution = serializers.CharField()
    requested_on = serializers.DateField()
    parties_informed_on = serializers.DateField(allow_null=True, read_only=True)
    decided_on = serializers.DateField(allow_null=True, read_only=True)
    stage = serializers.CharField(read_only=True)
    problems = serializers.ListField(child=serializers.CharField(), read_only=True)
    consents = ConsentOutSerializer(many=True, read_only=True)


class JoinRequestInSerializer(JoinRequestSerializer):
    id = serializers.IntegerField(read_only=True)


class ConsentInSerializer(serializers.Serializer[Any]):
    party = serializers.SlugField()
    agreed = serializers.BooleanField()
    answered_on = serializers.DateField(required=False)


def _join_data(join: JoinRequest) -> dict[str, Any]:
    state = selectors.join_state(join)
    data = JoinRequestSerializer(join).data
    data.update(
        stage=state.stage.value,
        problems=list(state.problems),
        consents=ConsentOutSerializer(join.consents.select_related("party"), many=True).data,
    )
    return data


class JoinRequestListView(APIView):
    @extend_schema(
        operation_id="governance_join_requests_list",
        summary="Verzoeken tot toetreding (art. 21)",
        responses={200: JoinRequestSerializer(many=True), 401: PROBLEM, 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.join_request_list(_actor(request))
        if listing is None:
            raise exceptions.NotFound
        return Response([_join_data(j) for j in listing[:100]])

    @extend_schema(
        operation_id="governance_join_requests_create",
        summary="Een verzoek tot toetreding vastleggen (art. 21.2)",
        request=JoinRequestInSerializer,
        responses={201: JoinRequestSerializer, 400: PROBLEM, 403: PROBLEM, 409: REFUSED},
        examples=[
            request_example(
                "Verzoek",
                {
                    "organisation": "Stichting Schuldhulp IJsselland",
                    "slug": "schuldhulp",
                    "kind": "partner",
                    "domain": "care",
                    "seat": "Zwolle",
                    "address": "Voorbeeldstraat 1",
                    "representative": "R. Smit",
                    "representative_function": "directeur-bestuurder",
                    "contribution": "Schuldhulp binnen de publieke taak.",
                    "requested_on": "2026-01-05",
                },
            ),
            refused_example("Er loopt al een verzoek van deze organisatie."),
        ],
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        if not selectors.allows(actor, GovAction.receive_join_request):
            raise exceptions.PermissionDenied(_("You may not do this."))
        form = JoinRequestInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        covenant = selectors.covenant_current()
        if covenant is None:
            raise exceptions.NotFound
        result = call(
            lambda: services.join_request_create(
                actor=actor,
                covenant=covenant,
                organisation=d["organisation"],
                slug=d["slug"],
                kind=PartyKind(d["kind"]),
                domain=PartyDomain(d["domain"]),
                seat=d["seat"],
                address=d["address"],
                representative=d["representative"],
                representative_function=d["representative_function"],
                contribution=d["contribution"],
                requested_on=d["requested_on"],
                ctx=_ctx(request),
            )
        )
        if isinstance(result, Response):
            return result
        return Response(_join_data(result), status=status.HTTP_201_CREATED)


class JoinRequestDetailView(APIView):
    @extend_schema(
        operation_id="governance_join_requests_retrieve",
        summary="Een verzoek tot toetreding, met de stand van zaken",
        responses={200: JoinRequestSerializer, 404: PROBLEM},
    )
    def get(self, request: Request, pk: int) -> Response:
        join = selectors.join_request_get(_actor(request), pk)
        if join is None:
            raise exceptions.NotFound
        return Response(_join_data(join))


class JoinConsentView(APIView):
    @extend_schema(
        operation_id="governance_join_requests_consents_create",
        summary="Het akkoord van een partij met de toetreding (art. 21.4)",
        request=ConsentInSerializer,
        examples=[
            request_example("Akkoord", {"party": "politie", "agreed": True}),
            refused_example("Het akkoord van Politie is al vastgelegd."),
        ],
        responses={
            201: ConsentOutSerializer,
            400: PROBLEM,
            403: PROBLEM,
            404: PROBLEM,
            409: REFUSED,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        join = selectors.join_request_get(actor, pk)
        if join is None:
            raise exceptions.NotFound
        form = ConsentInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        party = _party(d["party"])
        result = call(
            lambda: services.join_consent_record(
                actor=actor,
                join_request=join,
                party=party,
                agreed=d["agreed"],
                on=d.get("answered_on"),
                ctx=_ctx(request),
            )
        )
        if isinstance(result, Response):
            return result
        return Response(ConsentOutSerializer(result).data, status=status.HTTP_201_CREATED)
