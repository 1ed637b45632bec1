"""The API: one view per operation, thin, calling one selector or service."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.selectors import actor_for
from schakel.api.serializers import MeSerializer, PartySerializer, ProblemSerializer
from schakel.parties.selectors import party_get_by_id, party_list

PROBLEM_401 = OpenApiResponse(ProblemSerializer, description=_("Not authenticated"))


class MeView(APIView):
    @extend_schema(
        operation_id="me_retrieve",
        summary="Wie ben ik: gebruiker, partij en rollen",
        responses={200: MeSerializer, 401: PROBLEM_401},
        examples=[
            OpenApiExample(
                "Procesregisseur",
                value={
                    "username": "pd.jansen",
                    "full_name": "Anouk Jansen",
                    "party": {
                        "slug": "zvh-ijsselland",
                        "name": "Zorg- en Veiligheidshuis IJsselland",
                        "kind": "house",
                        "domain": "municipal",
                        "is_core_partner": False,
                        "is_member": False,
                    },
                    "roles": ["process_director"],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        user = request.user
        actor = actor_for(user)  # type: ignore[arg-type]
        party = party_get_by_id(party_id=actor.party_id)
        data = {
            "username": user.username,
            "full_name": user.get_full_name(),  # type: ignore[union-attr]
            "party": party,
            "roles": sorted(r.value for r in actor.roles),
        }
        return Response(MeSerializer(data).data)


class PartyListView(APIView):
    @extend_schema(
        operation_id="parties_list",
        summary="De partijen van het convenant",
        responses={200: PartySerializer(many=True), 401: PROBLEM_401},
    )
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("kind")
        if kind not in (None, "municipality", "partner", "house"):
            raise exceptions.ValidationError({"kind": [_("Unknown kind of party.")]})
        return Response(PartySerializer(party_list(kind=kind), many=True).data)
