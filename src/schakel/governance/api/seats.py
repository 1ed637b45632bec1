"""Seats in the Stuurgroep and the Kerngroepoverleg (Art. 4.3, 6.3, 6.5): who sits where, for
which party, and the municipal delegates' mandates. Kept by the manager and the functional
administrator; anyone else is told the list does not exist."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.models import User
from schakel.domain.covenant import Body, CoreRole
from schakel.governance import selectors, services
from schakel.governance.api._common import (
    PROBLEM,
    WRITE_ERRORS,
    refused_example,
    request_example,
    respond,
    valid,
)
from schakel.governance.api._common import actor as _actor
from schakel.governance.api._common import ctx as _ctx
from schakel.governance.api._common import party as _party
from schakel.governance.models import BodyMember


class SeatSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField()
    user = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user")
    party = serializers.CharField(source="party.slug", allow_null=True, default=None)
    seat = serializers.CharField()
    core_role = serializers.CharField()
    mandated_by = serializers.SerializerMethodField()
    mandate_accepted_in_writing = serializers.BooleanField()
    since = serializers.DateField()
    until = serializers.DateField(allow_null=True)

    def get_mandated_by(self, obj: BodyMember) -> list[str]:
        return [p.slug for p in obj.mandated_by.all()]


class SeatInSerializer(serializers.Serializer[Any]):
    body = serializers.ChoiceField(choices=[Body.STEERING_GROUP.value, Body.CORE_GROUP.value])
    user = serializers.CharField(help_text="The username of the member.")
    party = serializers.SlugField(required=False, allow_null=True, default=None)
    seat = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    core_role = serializers.ChoiceField(
        choices=[r.value for r in CoreRole], required=False, allow_null=True, default=None
    )
    mandated_by = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        default=list,
        help_text="Art. 6.5: the municipalities that mandated a municipal delegate.",
    )
    mandate_accepted_in_writing = serializers.BooleanField(required=False, default=False)
    since = serializers.DateField()


class SeatEndInSerializer(serializers.Serializer[Any]):
    until = serializers.DateField(help_text="The first day without the seat.")


def _seats(request: Request) -> Any:
    listing = selectors.seat_list(_actor(request))
    if listing is None:
        raise exceptions.NotFound
    return listing


class SeatListView(APIView):
    @extend_schema(
        operation_id="governance_seats_list",
        summary="Zetels in de Stuurgroep en het Kerngroepoverleg (art. 4.3, 6.3, 6.5)",
        responses={200: SeatSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        return Response(SeatSerializer(_seats(request)[:500], many=True).data)

    @extend_schema(
        operation_id="governance_seats_create",
        summary="Iemand een zetel geven; een gemeentelijk afgevaardigde met mandaat (art. 6.5)",
        request=SeatInSerializer,
        responses={201: SeatSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Gemeentelijk afgevaardigde",
                {
                    "body": "core_group",
                    "user": "ilse",
                    "party": "zwolle",
                    "core_role": "municipal_delegate",
                    "mandated_by": ["zwolle", "kampen"],
                    "mandate_accepted_in_writing": True,
                    "since": "2026-01-01",
                },
            ),
            refused_example(
                "De gemeenten hebben ten hoogste 3 afgevaardigden in het Kerngroepoverleg "
                "(art. 6.5)."
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        _seats(request)
        d = valid(SeatInSerializer, request)
        user = User.objects.filter(username=d["user"], is_active=True).first()
        if user is None:
            raise exceptions.ValidationError({"user": [_("Unknown user.")]})
        party = _party(d["party"]) if d["party"] else None
        mandates = [_party(slug, "mandated_by") for slug in d["mandated_by"]]
        return respond(
            lambda: services.body_member_add(
                actor=_actor(request),
                body=Body(d["body"]),
                user=user,
                since=d["since"],
                party=party,
                seat=d["seat"],
                core_role=CoreRole(d["core_role"]) if d["core_role"] else None,
                mandated_by=mandates,
                mandate_accepted_in_writing=d["mandate_accepted_in_writing"],
                ctx=_ctx(request),
            ),
            lambda m: SeatSerializer(m).data,
        )


class SeatEndView(APIView):
    @extend_schema(
        operation_id="governance_seats_end_create",
        summary="Een zetel beëindigen (met het mandaat)",
        request=SeatEndInSerializer,
        responses={200: SeatSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Einde", {"until": "2026-12-31"}),
            refused_example("De zetel eindigt na de datum waarop hij begon."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        seat: BodyMember | None = _seats(request).filter(pk=pk).first()
        if seat is None:
            raise exceptions.NotFound
        d = valid(SeatEndInSerializer, request)
        return respond(
            lambda: services.body_member_end(
                actor=_actor(request), member=seat, until=d["until"], ctx=_ctx(request)
            ),
            lambda m: SeatSerializer(m).data,
            status=200,
        )
