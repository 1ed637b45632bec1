"""Meetings of the Stuurgroep and the Kerngroepoverleg (Art. 4.2, 4.7, 6.2, 6.7): plan one, its
agenda, attendance (the absent are asked for written input, 5.5, 7.2) and minutes."""

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
    refused_example,
    request_example,
    require,
    respond,
    valid,
)
from schakel.governance.api._common import actor as _actor
from schakel.governance.api._common import ctx as _ctx
from schakel.governance.models import Meeting


class MeetingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField()
    held_on = serializers.DateField()
    location = serializers.CharField()
    status = serializers.CharField()


class MeetingInSerializer(serializers.Serializer[Any]):
    body = serializers.ChoiceField(choices=[Body.STEERING_GROUP.value, Body.CORE_GROUP.value])
    held_on = serializers.DateField()
    location = serializers.CharField(required=False, allow_blank=True, default="")


class AgendaItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class AttendanceInSerializer(serializers.Serializer[Any]):
    absent = serializers.ListField(
        child=serializers.IntegerField(), help_text="The seats (member ids) that were absent."
    )


class AttendanceOutSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.user")
    present = serializers.BooleanField()


class MinutesSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    distributed_at = serializers.DateTimeField(read_only=True, allow_null=True)


def _meeting(request: Request, pk: int) -> Meeting:
    """The meeting to change: 404 when not visible (Art. 5.9, 7.6), 403 for a non-secretary."""
    actor = _actor(request)
    meeting = selectors.meeting_get(actor, pk)
    if meeting is None:
        raise exceptions.NotFound
    require(actor, GovAction.manage_meeting)
    return meeting


class MeetingListView(APIView):
    @extend_schema(
        operation_id="governance_meetings_list",
        summary="Vergaderingen van mijn organen (niet openbaar, art. 5.9, 7.6)",
        responses={200: MeetingSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.meeting_list(_actor(request))[:100]
        return Response(MeetingSerializer(listing, many=True).data)

    @extend_schema(
        operation_id="governance_meetings_create",
        summary="Een vergadering plannen; alle leden worden verwacht (art. 4.7, 6.7)",
        request=MeetingInSerializer,
        responses={201: MeetingSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Stuurgroep",
                {"body": "steering_group", "held_on": "2026-06-12", "location": "Zwolle"},
            ),
            refused_example("Het DVO vergadert buiten het huis."),
        ],
    )
    def post(self, request: Request) -> Response:
        require(_actor(request), GovAction.manage_meeting)
        d = valid(MeetingInSerializer, request)
        return respond(
            lambda: services.meeting_create(
                actor=_actor(request),
                body=Body(d["body"]),
                held_on=d["held_on"],
                location=d["location"],
                ctx=_ctx(request),
            ),
            lambda m: MeetingSerializer(m).data,
        )


class AgendaItemView(APIView):
    @extend_schema(
        operation_id="governance_meetings_agenda_items_create",
        summary="Een agendapunt toevoegen (art. 4.7, 6.7)",
        request=AgendaItemSerializer,
        responses={201: AgendaItemSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Agendapunt", {"title": "Jaarplan 2027", "description": ""}),
            refused_example("Het verslag is al verspreid; de vergadering is afgesloten."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        d = valid(AgendaItemSerializer, request)
        return respond(
            lambda: services.agenda_item_add(
                actor=_actor(request),
                meeting=meeting,
                title=d["title"],
                description=d["description"],
                ctx=_ctx(request),
            ),
            lambda item: AgendaItemSerializer(item).data,
        )


class AttendanceView(APIView):
    @extend_schema(
        operation_id="governance_meetings_attendance_update",
        summary="De aanwezigheid vastleggen; afwezigen worden om schriftelijke inbreng gevraagd "
        "(art. 5.5, 7.2)",
        request=AttendanceInSerializer,
        responses={200: AttendanceOutSerializer(many=True), **WRITE_ERRORS},
        examples=[
            request_example("Afwezig", {"absent": [2]}),
            refused_example("Een lid dat al stemde, was aanwezig."),
        ],
    )
    def put(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        d = valid(AttendanceInSerializer, request)
        return respond(
            lambda: services.attendance_set(
                actor=_actor(request),
                meeting=meeting,
                absent_member_ids=d["absent"],
                ctx=_ctx(request),
            ),
            lambda _asked: (
                AttendanceOutSerializer(
                    meeting.attendance.select_related("member__user").order_by("member_id"),
                    many=True,
                ).data
            ),
            status=200,
        )


class MinutesView(APIView):
    @extend_schema(
        operation_id="governance_meetings_minutes_update",
        summary="Het verslag opstellen (art. 4.7, 6.7)",
        request=MinutesSerializer,
        responses={200: MinutesSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Verslag", {"text": "Besproken: het jaarplan."}),
            refused_example("Het verslag is al verspreid; de vergadering is afgesloten."),
        ],
    )
    def put(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        d = valid(MinutesSerializer, request)
        return respond(
            lambda: services.minutes_save(
                actor=_actor(request), meeting=meeting, text=d["text"], ctx=_ctx(request)
            ),
            lambda m: MinutesSerializer(m).data,
            status=200,
        )


class MinutesDistributionView(APIView):
    @extend_schema(
        operation_id="governance_meetings_minutes_distribution_create",
        summary="Het verslag aan de leden verspreiden (een link; niet openbaar, art. 5.9, 7.6)",
        request=None,
        responses={200: MinutesSerializer, **WRITE_ERRORS},
        examples=[refused_example("Er is nog geen verslag om te verspreiden.")],
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return respond(
            lambda: services.minutes_distribute(
                actor=_actor(request), meeting=meeting, ctx=_ctx(request)
            ),
            lambda _n: MinutesSerializer(type(meeting).objects.get(pk=meeting.pk).minutes).data,
            status=200,
        )
