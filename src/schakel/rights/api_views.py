"""The requests register under /api/v1: list, record and read requests of subjects, and the
machine-readable access export of one person (AVG Art. 15.3: "in a commonly used electronic
form"). Same rules as the screens: anyone but the information coordinator and the privacy
officer gets the same 404 as for a missing resource; every read and the export are logged.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework import serializers as S
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases.api.views import ERRORS, CaseAPIView, run
from schakel.domain.subject_rights import is_overdue, may_handle_subject_requests
from schakel.rights import selectors, services
from schakel.rights.export import access_export_for
from schakel.rights.models import RequestKind, RequestStatus, SubjectRequest

TAG = "Verzoeken betrokkenen"


class RequestSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    subject = S.IntegerField(source="subject_id")
    kind = S.CharField()
    received_on = S.DateField()
    deadline = S.DateField()
    extended_deadline = S.DateField(allow_null=True)
    status = S.CharField()
    outcome = S.CharField()
    overdue = S.SerializerMethodField()

    def get_overdue(self, obj: SubjectRequest) -> bool:
        return is_overdue(
            deadline=obj.current_deadline,
            today=timezone.localdate(),
            completed=obj.status == RequestStatus.completed,
        )


class NoteSerializer(S.Serializer[Any]):
    written_at = S.DateTimeField()
    text = S.CharField()


class RectificationSerializer(S.Serializer[Any]):
    item = S.IntegerField(source="item_id")
    party = S.CharField(source="party.slug")
    answer = S.CharField()
    answer_note = S.CharField()


class RequestDetailSerializer(RequestSerializer):
    description = S.CharField()
    extension_reason = S.CharField()
    grounds = S.CharField()
    notes = NoteSerializer(many=True, source="notes.all")
    rectifications = RectificationSerializer(many=True, source="rectifications.all")


class RequestPageSerializer(S.Serializer[Any]):
    results = RequestSerializer(many=True)
    next_after = S.IntegerField(allow_null=True)


class RequestInSerializer(S.Serializer[Any]):
    subject = S.IntegerField(min_value=1, max_value=2**53)
    kind = S.ChoiceField(choices=RequestKind.choices)
    received_on = S.DateField()
    description = S.CharField(max_length=10_000)


class ListQuerySerializer(S.Serializer[Any]):
    status = S.ChoiceField(
        choices=["open", *RequestStatus.values], required=False, allow_blank=True, default="open"
    )
    kind = S.ChoiceField(choices=RequestKind.values, required=False, allow_blank=True, default="")
    after = S.IntegerField(required=False, min_value=1, max_value=2**53, allow_null=True)


def _detail(view: CaseAPIView, request: Request, request_id: int, status: int = 200) -> Response:
    found = selectors.request_get_for(
        actor=view.actor(request), ctx=view.ctx(request), request_id=request_id
    )
    if found is None:
        raise exceptions.NotFound
    return Response(RequestDetailSerializer(found.request).data, status=status)


class RequestListView(CaseAPIView):
    @extend_schema(
        operation_id="subject_requests_list",
        tags=[TAG],
        summary="Het register van verzoeken, vroegste termijn eerst (AVG Art. 12.3)",
        parameters=[
            OpenApiParameter("status", str, enum=["open", *RequestStatus.values]),
            OpenApiParameter("kind", str, enum=RequestKind.values),
            OpenApiParameter("after", int, description="id van de laatste rij vorige pagina"),
        ],
        responses={
            200: RequestPageSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            404: ERRORS[404],
        },
    )
    def get(self, request: Request) -> Response:
        query = ListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data
        page = selectors.request_list_for(
            actor=self.actor(request),
            ctx=self.ctx(request),
            filters=selectors.RequestFilters(status=q["status"], kind=q["kind"]),
            after=q.get("after"),
        )
        if page is None:
            raise exceptions.NotFound
        return Response(
            {
                "results": RequestSerializer(page.rows, many=True).data,
                "next_after": page.next_after,
            }
        )

    @extend_schema(
        operation_id="subject_requests_create",
        tags=[TAG],
        summary="Een verzoek van een betrokkene vastleggen; de termijn is één maand",
        request=RequestInSerializer,
        responses={201: RequestDetailSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        if not may_handle_subject_requests(self.actor(request)):
            raise exceptions.NotFound  # the register does not exist for others, whatever is sent
        data = self.valid(RequestInSerializer, request)
        return run(
            lambda: services.request_record(
                actor=self.actor(request),
                ctx=self.ctx(request),
                subject_id=data["subject"],
                kind=data["kind"],
                received_on=data["received_on"],
                description=data["description"],
            ),
            lambda created: _detail(self, request, created.pk, status=201),
        )


class RequestView(CaseAPIView):
    @extend_schema(
        operation_id="subject_requests_read",
        tags=[TAG],
        summary="Eén verzoek met de afhandeling en de correcties per partij",
        responses={200: RequestDetailSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, request_id: int) -> Response:
        return _detail(self, request, request_id)


class AccessExportView(CaseAPIView):
    @extend_schema(
        operation_id="subject_access_export",
        tags=[TAG],
        summary="De inzage (AVG Art. 15) van één persoon als JSON; het maken wordt gelogd",
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Alles over de persoon per casus en verstrekkende partij, met wie "
                "het inzag; andere personen alleen als 'andere betrokkene' (docs/rights.md).",
            ),
            401: ERRORS[401],
            404: ERRORS[404],
        },
    )
    def get(self, request: Request, subject_id: int) -> Response:
        found = access_export_for(
            actor=self.actor(request), ctx=self.ctx(request), subject_id=subject_id, fmt="json"
        )
        if found is None:
            raise exceptions.NotFound
        return Response(found[1])
