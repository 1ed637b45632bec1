"""The sharing API under /api/v1: information items of a case and their releases.

Same rules as the screens: an item the caller may not read is the same 404 as a missing one,
and every read of an item's content writes one audit event per subject.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework import serializers as S
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.cases import selectors as case_selectors
from schakel.cases.api.views import ERRORS, CaseAPIView, run
from schakel.parties.models import Party
from schakel.sharing import attachments, selectors, services
from schakel.sharing.models import (
    InformationItem,
    ItemKind,
    Purpose,
    Regime,
    Release,
)

TAG = "Informatie delen"


class ItemSummarySerializer(S.Serializer[Any]):
    id = S.IntegerField()
    title = S.CharField()
    kind = S.CharField()
    regime = S.CharField()
    special_category = S.BooleanField()
    providing_party = S.CharField(source="providing_party.slug")
    created_at = S.DateTimeField()
    withdrawn = S.SerializerMethodField()

    def get_withdrawn(self, obj: InformationItem) -> bool:
        return obj.withdrawn_at is not None


class ItemSerializer(ItemSummarySerializer):
    case = S.IntegerField(source="case_id")
    phase = S.CharField()
    author = S.CharField(source="author.username")
    conditions_of_use = S.CharField()
    content = S.CharField()


class ItemInSerializer(S.Serializer[Any]):
    title = S.CharField(max_length=120)
    content = S.CharField(max_length=20000)
    kind = S.ChoiceField(choices=ItemKind.choices)
    regime = S.ChoiceField(choices=Regime.choices)
    special_category = S.BooleanField(default=False)
    conditions_of_use = S.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReleaseSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    item = S.IntegerField(source="item_id")
    recipient_party = S.CharField(source="recipient_party.slug")
    purpose = S.CharField()
    state = S.CharField()
    reason = S.CharField()


class ProposeInSerializer(S.Serializer[Any]):
    recipient_party = S.SlugRelatedField(slug_field="slug", queryset=Party.objects.all())
    purpose = S.ChoiceField(choices=Purpose.choices)
    note = S.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DecideInSerializer(S.Serializer[Any]):
    approve = S.BooleanField()
    reason = S.CharField(max_length=2000)


class WithdrawInSerializer(S.Serializer[Any]):
    reason = S.CharField(max_length=2000)


def _release(release: Release) -> Response:
    fresh = Release.objects.select_related("recipient_party").get(pk=release.pk)
    return Response(ReleaseSerializer(fresh).data, status=201)


class CaseItemsView(CaseAPIView):
    @extend_schema(
        operation_id="information_list",
        tags=[TAG],
        summary="De informatie van een casus die ik mag zien (titels, zonder inhoud)",
        responses={200: ItemSummarySerializer(many=True), 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = self.actor(request)
        case = case_selectors.case_get_for(
            actor=actor, case_id=case_id, ctx=self.ctx(request), purpose="Art. 17.2 informatie"
        )
        if case is None:
            raise exceptions.NotFound
        items = selectors.case_items_for(actor=actor, case=case)
        return Response(ItemSummarySerializer([r.item for r in items.rows], many=True).data)

    @extend_schema(
        operation_id="information_add",
        tags=[TAG],
        summary="Informatie inbrengen; uw partij is de verstrekkende partij (Art. 12.2f)",
        request=ItemInSerializer,
        responses={201: ItemSerializer, **ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = self.valid(ItemInSerializer, request)
        return run(
            lambda: services.item_add(
                actor=self.actor(request), ctx=self.ctx(request), case_id=case_id, **data
            ),
            lambda item: _item(self, request, item.pk, status=201),
        )


def _item(view: CaseAPIView, request: Request, item_id: int, status: int = 200) -> Response:
    """The item with its content: a read, logged once per subject."""
    item = selectors.item_get_for(actor=view.actor(request), ctx=view.ctx(request), item_id=item_id)
    if item is None:
        raise exceptions.NotFound
    return Response(ItemSerializer(item).data, status=status)


class ItemView(CaseAPIView):
    @extend_schema(
        operation_id="information_read",
        tags=[TAG],
        summary="Eén stuk informatie met inhoud (na vrijgave door de verstrekkende partij)",
        responses={200: ItemSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request, item_id: int) -> Response:
        return _item(self, request, item_id)


class ReleaseProposeView(CaseAPIView):
    @extend_schema(
        operation_id="information_release_propose",
        tags=[TAG],
        summary="Voorstel tot delen (procesregisseur)",
        request=ProposeInSerializer,
        responses={201: ReleaseSerializer, **ERRORS},
    )
    def post(self, request: Request, item_id: int) -> Response:
        data = self.valid(ProposeInSerializer, request)
        return run(
            lambda: services.release_propose(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                recipient_party_id=data["recipient_party"].pk,
                purpose=data["purpose"],
                note=data["note"],
            ),
            _release,
        )


class ReleaseDecideView(CaseAPIView):
    @extend_schema(
        operation_id="information_release_decide",
        tags=[TAG],
        summary="Vrijgeven of weigeren, met reden (verstrekkende partij, Art. 17.2)",
        request=DecideInSerializer,
        responses={201: ReleaseSerializer, **ERRORS},
    )
    def post(self, request: Request, item_id: int, release_id: int) -> Response:
        data = self.valid(DecideInSerializer, request)
        return run(
            lambda: services.release_decide(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                release_id=release_id,
                approve=data["approve"],
                reason=data["reason"],
            ),
            _release,
        )


class ReleaseWithdrawView(CaseAPIView):
    @extend_schema(
        operation_id="information_release_withdraw",
        tags=[TAG],
        summary="Een vrijgave intrekken; werkt direct (verstrekkende partij)",
        request=WithdrawInSerializer,
        responses={201: ReleaseSerializer, **ERRORS},
    )
    def post(self, request: Request, item_id: int, release_id: int) -> Response:
        data = self.valid(WithdrawInSerializer, request)
        return run(
            lambda: services.release_withdraw(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                release_id=release_id,
                reason=data["reason"],
            ),
            _release,
        )


class ItemWithdrawView(CaseAPIView):
    @extend_schema(
        operation_id="information_withdraw",
        tags=[TAG],
        summary="De hele informatie intrekken; alleen de verstrekkende partij ziet haar nog",
        request=WithdrawInSerializer,
        responses={201: ItemSerializer, **ERRORS},
    )
    def post(self, request: Request, item_id: int) -> Response:
        data = self.valid(WithdrawInSerializer, request)
        return run(
            lambda: services.item_withdraw(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                reason=data["reason"],
            ),
            lambda item: _item(self, request, item.pk, status=201),
        )


class AttachmentSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    item = S.IntegerField(source="item_id")
    name = S.CharField()
    content_type = S.CharField()
    size = S.IntegerField()
    uploaded_at = S.DateTimeField()


class AttachmentInSerializer(S.Serializer[Any]):
    file = S.FileField(allow_empty_file=True, use_url=False)


class AttachmentAddView(CaseAPIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="information_attachment_add",
        tags=[TAG],
        summary="Een bestand bij de informatie voegen (verstrekkende partij); versleuteld bewaard",
        request={"multipart/form-data": AttachmentInSerializer},
        responses={201: AttachmentSerializer, **ERRORS},
    )
    def post(self, request: Request, item_id: int) -> Response:
        data = self.valid(AttachmentInSerializer, request)
        return run(
            lambda: attachments.attachment_add(
                actor=self.actor(request),
                ctx=self.ctx(request),
                item_id=item_id,
                upload=data["file"],
            ),
            lambda a: Response(AttachmentSerializer(a).data, status=201),
        )


class AttachmentView(CaseAPIView):
    @extend_schema(
        operation_id="information_attachment_read",
        tags=[TAG],
        summary="Een bijlage downloaden (wie de informatie mag lezen); elke download gelogd",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            401: ERRORS[401],
            404: ERRORS[404],
        },
    )
    def get(self, request: Request, item_id: int, attachment_id: int) -> Any:
        download = attachments.attachment_get_for(
            actor=self.actor(request),
            ctx=self.ctx(request),
            item_id=item_id,
            attachment_id=attachment_id,
        )
        if download is None:
            raise exceptions.NotFound
        return attachments.file_response(download)
