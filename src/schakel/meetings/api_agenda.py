"""The agenda item in the API: reading it, taking it off the agenda and moving it up or down
(/api/v1/meetings/{id}/items/{item}[/position]). Same rules as the screens: secretary and chair
change the agenda while the meeting is planned; anyone else gets the same 404 as a missing
item; a held or cancelled meeting or a decided item answers 409 `meeting-state`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers as S
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases.api.views import ERRORS
from schakel.meetings import services
from schakel.meetings.api_views import (
    TAG,
    MeetingAPIView,
    TableItemSerializer,
    TableMeetingDetailSerializer,
    run,
)


class TableItemMoveInSerializer(S.Serializer[Any]):
    direction = S.ChoiceField(choices=[("up", "omhoog"), ("down", "omlaag")])


class AgendaItemView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_items_read",
        tags=[TAG],
        summary="Eén agendapunt (alleen voor de huisstaf en de partijen uitgenodigd voor dit punt)",
        responses={200: TableItemSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, meeting_id: int, item_id: int) -> Response:
        return self.item(request, meeting_id, item_id)

    @extend_schema(
        operation_id="meetings_items_remove",
        tags=[TAG],
        summary="Een casus van de agenda halen; de uitnodigingen voor dit punt eindigen "
        "(Art. 12.2e, 15.2)",
        request=None,
        responses={200: TableMeetingDetailSerializer, **ERRORS},
    )
    def delete(self, request: Request, meeting_id: int, item_id: int) -> Response:
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.agenda_item_remove(
                actor=self.actor(request), ctx=self.ctx(request), item_id=item_id
            ),
            lambda _m: self.meeting(request, meeting_id),
        )


class AgendaItemPositionView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_items_move",
        tags=[TAG],
        summary="Een agendapunt één plaats omhoog of omlaag zetten",
        request=TableItemMoveInSerializer,
        responses={200: TableMeetingDetailSerializer, **ERRORS},
    )
    def post(self, request: Request, meeting_id: int, item_id: int) -> Response:
        data = self.valid(TableItemMoveInSerializer, request)
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.agenda_item_move(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                direction=data["direction"],
            ),
            lambda _i: self.meeting(request, meeting_id),
        )
