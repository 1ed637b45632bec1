"""The meetings API under /api/v1/meetings: meetings, agenda items, invitations and minutes.

Same rules as the screens: a meeting or item the caller may not see is the same 404 as a
missing one; a delegate sees only the items their party is invited for; reading an item or
its minutes writes one audit event per subject. Errors are problem+json.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework import serializers as S
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api.problems import CONTENT_TYPE, problem_body
from schakel.cases.api.views import ERRORS, CaseAPIView
from schakel.cases.api.views import run as run_case
from schakel.cases.errors import CaseForbidden
from schakel.domain.workflow import Decision
from schakel.meetings import selectors, services
from schakel.meetings.models import AgendaItem, Attendance, MeetingKind, Minutes
from schakel.parties.models import Party

TAG = "Casustafels en MDO's"
STATE_CODES = frozenset({"meeting_cancelled", "meeting_held", "decided"})


class _StateConflict(Exception):
    def __init__(self, reason_nl: str) -> None:
        super().__init__(reason_nl)
        self.reason_nl = reason_nl


def run(call: Callable[[], Any], ok: Callable[[Any], Response]) -> Response:
    """The case API's `run`, plus 409 `meeting-state` when the meeting or item no longer
    allows it (cancelled, held, already decided)."""

    def guarded() -> Any:
        try:
            return call()
        except CaseForbidden as exc:
            if exc.code in STATE_CODES:
                raise _StateConflict(exc.reason_nl) from None
            raise

    try:
        return run_case(guarded, ok)
    except _StateConflict as exc:
        body = problem_body(
            status=409, kind="meeting-state", title=_("Not possible any more"), detail=exc.reason_nl
        )
        return Response(body, status=409, content_type=CONTENT_TYPE)


class TableInvitationSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    party = S.CharField(source="party.slug")
    justification = S.CharField()
    attendance = S.ChoiceField(choices=Attendance.choices)
    attendee = S.CharField()


class TableItemSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    meeting = S.IntegerField(source="meeting_id")
    position = S.IntegerField()
    case = S.IntegerField(source="case_id")
    case_number = S.CharField(source="case.number")
    goal = S.CharField()
    decisions_needed = S.CharField()
    themes = S.CharField()
    outcome = S.CharField()
    invitations = TableInvitationSerializer(many=True, source="active_invitations")


class TableMeetingSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    uid = S.UUIDField()
    sequence = S.IntegerField()
    series = S.UUIDField(allow_null=True)
    kind = S.ChoiceField(choices=MeetingKind.choices)
    title = S.CharField()
    starts_at = S.DateTimeField()
    ends_at = S.DateTimeField()
    location = S.CharField()
    video_url = S.CharField()
    chair = S.CharField(source="chair.username")
    secretary = S.CharField(source="secretary.username")
    status = S.CharField()


class TableMeetingDetailSerializer(TableMeetingSerializer):
    items = S.SerializerMethodField()

    def get_items(self, obj: Any) -> list[dict[str, Any]]:
        return TableItemSerializer([row.item for row in self.context["rows"]], many=True).data  # type: ignore[return-value]


class TableMeetingInSerializer(S.Serializer[Any]):
    kind = S.ChoiceField(choices=MeetingKind.choices)
    title = S.CharField(max_length=120)
    starts_at = S.DateTimeField()
    ends_at = S.DateTimeField()
    location = S.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_url = S.URLField(max_length=300, required=False, allow_blank=True, default="")
    chair = S.IntegerField(min_value=1, max_value=2**31 - 1, help_text="id van de procesregisseur")
    secretary = S.IntegerField(min_value=1, max_value=2**31 - 1, help_text="id van de secretaris")
    repeat_weeks = S.IntegerField(min_value=0, max_value=12, required=False, default=0)


class TableItemInSerializer(S.Serializer[Any]):
    case = S.IntegerField(min_value=1, max_value=2**31 - 1)
    goal = S.CharField(max_length=2000)
    decisions_needed = S.CharField(max_length=2000)
    themes = S.CharField(max_length=2000)


class TableInviteInSerializer(S.Serializer[Any]):
    party = S.SlugRelatedField(slug_field="slug", queryset=Party.objects.all())
    justification = S.CharField(max_length=2000, allow_blank=True)


class TableMinutesSerializer(S.Serializer[Any]):
    item = S.IntegerField(source="item_id")
    text = S.CharField()
    updated_at = S.DateTimeField()
    sent_at = S.DateTimeField(allow_null=True)


class TableMinutesInSerializer(S.Serializer[Any]):
    text = S.CharField(max_length=services.minutes.MAX_MINUTES, allow_blank=True)


class TableDecisionInSerializer(S.Serializer[Any]):
    decision = S.ChoiceField(choices=[d.value for d in Decision])
    motivation = S.CharField(max_length=5000)


def _input(data: dict[str, Any]) -> services.MeetingInput:
    return services.MeetingInput(
        kind=data["kind"],
        title=data["title"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        location=data["location"],
        video_url=data["video_url"],
        chair_id=data["chair"],
        secretary_id=data["secretary"],
    )


class MeetingAPIView(CaseAPIView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication first: anonymous is 401
        # An id no database row can have is simply not there (SQLite cannot even compare it).
        if any(isinstance(v, int) and not 0 <= v < 2**63 for v in kwargs.values()):
            raise exceptions.NotFound

    def meeting(self, request: Request, meeting_id: int, status: int = 200) -> Response:
        page = selectors.meeting_get_for(
            actor=self.actor(request), ctx=self.ctx(request), meeting_id=meeting_id
        )
        if page is None:
            raise exceptions.NotFound
        data = TableMeetingDetailSerializer(page.meeting, context={"rows": page.rows}).data
        return Response(data, status=status)

    def item(self, request: Request, meeting_id: int, item_id: int, status: int = 200) -> Response:
        item = selectors.item_get_for(
            actor=self.actor(request), ctx=self.ctx(request), meeting_id=meeting_id, item_id=item_id
        )
        if item is None:
            raise exceptions.NotFound
        return Response(TableItemSerializer(item).data, status=status)

    def require_item(self, meeting_id: int, item_id: int) -> None:
        if not AgendaItem.objects.filter(pk=item_id, meeting_id=meeting_id).exists():
            raise exceptions.NotFound


class MeetingListView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_list",
        tags=[TAG],
        summary="Overleggen die ik mag zien (komende eerst; voor een partij alleen waarvoor "
        "zij is uitgenodigd)",
        responses={200: TableMeetingSerializer(many=True), 401: ERRORS[401]},
    )
    def get(self, request: Request) -> Response:
        actor = self.actor(request)
        board = selectors.board_for(actor=actor)
        meetings = (
            board.upcoming
            if board is not None
            else [row.meeting for row in selectors.my_meetings_for(actor=actor)]
        )
        return Response(TableMeetingSerializer(meetings, many=True).data)

    @extend_schema(
        operation_id="meetings_create",
        tags=[TAG],
        summary="Een casustafel (eventueel wekelijks) of MDO plannen (secretaris, procesregisseur)",
        request=TableMeetingInSerializer,
        responses={201: TableMeetingSerializer(many=True), **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = self.valid(TableMeetingInSerializer, request)
        return run(
            lambda: services.meeting_create(
                actor=self.actor(request),
                ctx=self.ctx(request),
                data=_input(data),
                repeat_weeks=data["repeat_weeks"],
            ),
            lambda created: Response(TableMeetingSerializer(created, many=True).data, status=201),
        )


class MeetingDetailView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_read",
        tags=[TAG],
        summary="Een overleg met de agendapunten die ik mag zien",
        responses={200: TableMeetingDetailSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, meeting_id: int) -> Response:
        return self.meeting(request, meeting_id)

    @extend_schema(
        operation_id="meetings_update",
        tags=[TAG],
        summary="Een gepland overleg wijzigen; de uitgenodigden krijgen de wijziging (SEQUENCE+1)",
        request=TableMeetingInSerializer,
        responses={200: TableMeetingDetailSerializer, **ERRORS},
    )
    def put(self, request: Request, meeting_id: int) -> Response:
        data = self.valid(TableMeetingInSerializer, request)
        return run(
            lambda: services.meeting_update(
                actor=self.actor(request),
                ctx=self.ctx(request),
                meeting_id=meeting_id,
                data=_input(data),
            ),
            lambda _m: self.meeting(request, meeting_id),
        )


class MeetingCancelView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_cancel",
        tags=[TAG],
        summary="Een gepland overleg annuleren; de uitgenodigden krijgen METHOD:CANCEL",
        request=None,
        responses={200: TableMeetingDetailSerializer, **ERRORS},
    )
    def post(self, request: Request, meeting_id: int) -> Response:
        return run(
            lambda: services.meeting_cancel(
                actor=self.actor(request), ctx=self.ctx(request), meeting_id=meeting_id
            ),
            lambda _m: self.meeting(request, meeting_id),
        )


class AgendaItemsView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_items_add",
        tags=[TAG],
        summary="Een casus agenderen met doel, benodigde besluiten en thema's (Art. 12.2c)",
        request=TableItemInSerializer,
        responses={201: TableItemSerializer, **ERRORS},
    )
    def post(self, request: Request, meeting_id: int) -> Response:
        data = self.valid(TableItemInSerializer, request)
        return run(
            lambda: services.agenda_item_add(
                actor=self.actor(request),
                ctx=self.ctx(request),
                meeting_id=meeting_id,
                case_id=data["case"],
                goal=data["goal"],
                decisions_needed=data["decisions_needed"],
                themes=data["themes"],
            ),
            lambda item: self.item(request, meeting_id, item.pk, status=201),
        )


class InvitationsView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_invitations_add",
        tags=[TAG],
        summary="Een partij uitnodigen voor één agendapunt, met de grondslag (Art. 12.2e, 15.2)",
        request=TableInviteInSerializer,
        responses={201: TableItemSerializer, **ERRORS},
    )
    def post(self, request: Request, meeting_id: int, item_id: int) -> Response:
        data = self.valid(TableInviteInSerializer, request)
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.invitation_add(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                party_id=data["party"].pk,
                justification=data["justification"],
            ),
            lambda _i: self.item(request, meeting_id, item_id, status=201),
        )


class InvitationView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_invitations_remove",
        tags=[TAG],
        summary="Een uitnodiging intrekken; de toegang van de partij tot de casus eindigt",
        request=None,
        responses={200: TableItemSerializer, **ERRORS},
    )
    def delete(
        self, request: Request, meeting_id: int, item_id: int, invitation_id: int
    ) -> Response:
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.invitation_remove(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                invitation_id=invitation_id,
            ),
            lambda _i: self.item(request, meeting_id, item_id),
        )


class MinutesView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_minutes_read",
        tags=[TAG],
        summary="Het verslag van één agendapunt",
        responses={200: TableMinutesSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, meeting_id: int, item_id: int) -> Response:
        item = selectors.item_get_for(
            actor=self.actor(request),
            ctx=self.ctx(request),
            meeting_id=meeting_id,
            item_id=item_id,
            purpose=selectors.PURPOSE_MINUTES,
        )
        minutes = selectors.minutes_of(item) if item is not None else None
        if minutes is None:
            raise exceptions.NotFound
        return Response(TableMinutesSerializer(minutes).data)

    @extend_schema(
        operation_id="meetings_minutes_write",
        tags=[TAG],
        summary="Het verslag van één agendapunt schrijven of herschrijven (versleuteld opgeslagen)",
        request=TableMinutesInSerializer,
        responses={200: TableMinutesSerializer, **ERRORS},
    )
    def put(self, request: Request, meeting_id: int, item_id: int) -> Response:
        data = self.valid(TableMinutesInSerializer, request)
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.minutes_save(
                actor=self.actor(request), ctx=self.ctx(request), item_id=item_id, text=data["text"]
            ),
            lambda minutes: Response(
                TableMinutesSerializer(Minutes.objects.get(pk=minutes.pk)).data
            ),
        )


class DecisionView(MeetingAPIView):
    @extend_schema(
        operation_id="meetings_decision",
        tags=[TAG],
        summary="Het besluit van de casustafel over de casus van dit punt (Bijlage 3, Fase 3)",
        request=TableDecisionInSerializer,
        responses={200: TableItemSerializer, **ERRORS},
    )
    def post(self, request: Request, meeting_id: int, item_id: int) -> Response:
        data = self.valid(TableDecisionInSerializer, request)
        self.require_item(meeting_id, item_id)
        return run(
            lambda: services.item_decide(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                decision=data["decision"],
                motivation=data["motivation"],
            ),
            lambda _i: self.item(request, meeting_id, item_id),
        )
