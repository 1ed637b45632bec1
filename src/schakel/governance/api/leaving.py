"""Leaving the covenant (Art. 22.3, 23): notice, withdrawal after an amendment, exclusion."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors, services
from schakel.governance.api._common import (
    PROBLEM,
    REFUSED,
    WRITE_ERRORS,
    call,
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
from schakel.governance.api._common import party as _party
from schakel.governance.api.serializers import MotionSerializer
from schakel.governance.models import Amendment, Departure, Exclusion


class NoticeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    party = serializers.SlugField(source="party.slug")
    kind = serializers.CharField(help_text="notice, ceased, withdrawal or exclusion")
    given_on = serializers.DateField()
    effective_on = serializers.DateField(read_only=True)


class NoticeInSerializer(serializers.Serializer[Any]):
    party = serializers.SlugField()
    kind = serializers.CharField(help_text="notice (art. 23.1b) or ceased (art. 23.1c)")
    given_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_kind(self, value: str) -> str:
        if value not in ("notice", "ceased"):
            raise serializers.ValidationError(_("Choose notice or ceased."))
        return value


class NoticeListView(APIView):
    @extend_schema(
        operation_id="governance_notices_list",
        summary="Partijen die het convenant verlaten (art. 22.3, 23)",
        responses={200: NoticeSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        actor = _actor(request)
        listing = selectors.departure_list(actor)
        if listing is None:
            own = selectors.departure_of_party(actor)
            if not selectors.allows(actor, GovAction.record_notice, party_id=actor.party_id):
                raise exceptions.NotFound
            return Response(NoticeSerializer([own] if own else [], many=True).data)
        return Response(NoticeSerializer(listing[:200], many=True).data)

    @extend_schema(
        operation_id="governance_notices_create",
        summary="Opzegging vastleggen; de datum van uittreden volgt uit art. 23.1b",
        request=NoticeInSerializer,
        responses={201: NoticeSerializer, 400: PROBLEM, 403: PROBLEM, 409: REFUSED},
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        form = NoticeInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        party = _party(d["party"])
        covenant = selectors.covenant_current()
        if covenant is None:
            raise exceptions.NotFound
        result = call(
            lambda: services.departure_record(
                actor=actor,
                party=party,
                covenant=covenant,
                kind=Departure.Kind(d["kind"]),
                given_on=d["given_on"],
                note=d["note"],
                ctx=_ctx(request),
            )
        )
        if isinstance(result, Response):
            return result
        return Response(NoticeSerializer(result).data, status=status.HTTP_201_CREATED)


class WithdrawalInSerializer(serializers.Serializer[Any]):
    party = serializers.SlugField()
    amendment = serializers.IntegerField(help_text="The adopted amendment the party rejects.")
    given_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawalView(APIView):
    @extend_schema(
        operation_id="governance_withdrawals_create",
        summary="Opzeggen na een onaanvaardbare wijziging (art. 22.3); de partij treedt uit "
        "wanneer de wijziging in werking treedt",
        request=WithdrawalInSerializer,
        responses={201: NoticeSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Opzegging na wijziging",
                {"party": "ggz", "amendment": 1, "given_on": "2026-09-01", "note": ""},
            ),
            refused_example(
                "Opzeggen op grond van art. 22.3 kan alleen na een besloten wijziging."
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        manager = selectors.allows(actor, GovAction.manage_exclusion)
        if not manager:
            require(actor, GovAction.record_notice, party_id=actor.party_id)
        d = valid(WithdrawalInSerializer, request)
        party = _party(d["party"])
        # Like the notice screen: every party may name an amendment (Art. 22.3); whether it
        # was adopted is the service's rule.
        amendment = Amendment.objects.filter(pk=d["amendment"]).first()
        covenant = selectors.covenant_current()
        if amendment is None or covenant is None:
            raise exceptions.ValidationError({"amendment": [_("Unknown amendment.")]})
        return respond(
            lambda: services.departure_record(
                actor=actor,
                party=party,
                covenant=covenant,
                kind=Departure.Kind.WITHDRAWAL,
                given_on=d["given_on"],
                amendment=amendment,
                note=d["note"],
                ctx=_ctx(request),
            ),
            lambda r: NoticeSerializer(r).data,
        )


class ExclusionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    party = serializers.SlugField(source="party.slug")
    breach = serializers.CharField()
    notice_of_default_on = serializers.DateField(allow_null=True)
    heard_on = serializers.DateField(allow_null=True)
    motions = serializers.SerializerMethodField()

    def get_motions(self, obj: Exclusion) -> list[int]:
        return list(obj.motions.order_by("id").values_list("id", flat=True))


class ExclusionInSerializer(serializers.Serializer[Any]):
    party = serializers.SlugField()
    breach = serializers.CharField(help_text="What the party does not comply with.")
    meeting = serializers.IntegerField(help_text="A planned meeting of the steering group.")
    notice_of_default_on = serializers.DateField(required=False, allow_null=True, default=None)
    heard_on = serializers.DateField(required=False, allow_null=True, default=None)


class ExclusionCreateView(APIView):
    @extend_schema(
        operation_id="governance_exclusions_create",
        summary="Een uitsluiting voorbereiden en aan de Stuurgroep voorleggen (art. 23.2)",
        request=ExclusionInSerializer,
        responses={201: ExclusionSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Uitsluiting",
                {
                    "party": "ggz",
                    "breach": "Levert geen deelnemer aan het casusoverleg (art. 8).",
                    "meeting": 3,
                    "notice_of_default_on": "2026-02-01",
                },
            ),
            refused_example("Alleen de Stuurgroep kan een partij uitsluiten (art. 23.2)."),
        ],
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        if not selectors.allows(actor, GovAction.manage_exclusion):
            raise exceptions.NotFound
        d = valid(ExclusionInSerializer, request)
        party = _party(d["party"])
        meeting = meeting_of(actor, d["meeting"])
        covenant = selectors.covenant_current()
        if covenant is None:
            raise exceptions.NotFound
        return respond(
            lambda: services.exclusion_propose(
                actor=actor,
                party=party,
                covenant=covenant,
                breach=d["breach"],
                notice_of_default_on=d["notice_of_default_on"],
                heard_on=d["heard_on"],
                meeting=meeting,
                ctx=_ctx(request),
            ),
            lambda motion: ExclusionSerializer(motion.exclusion).data,
        )


class DateInSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()


def _exclusion(request: Request, pk: int) -> Exclusion:
    exclusion = selectors.exclusion_get(_actor(request), pk)
    if exclusion is None:
        raise exceptions.NotFound
    return exclusion


class ExclusionNoticeOfDefaultView(APIView):
    @extend_schema(
        operation_id="governance_exclusions_notice_of_default_create",
        summary="De ingebrekestelling vastleggen (art. 23.2)",
        request=DateInSerializer,
        responses={200: ExclusionSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Ingebrekestelling", {"on": "2026-02-01"}),
            refused_example("Over de uitsluiting is al besloten (art. 23.2)."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        exclusion = _exclusion(request, pk)
        d = valid(DateInSerializer, request)
        return respond(
            lambda: services.exclusion_step_record(
                actor=_actor(request),
                exclusion=exclusion,
                notice_of_default_on=d["on"],
                ctx=_ctx(request),
            ),
            lambda r: ExclusionSerializer(r).data,
            status=200,
        )


class ExclusionHearingView(APIView):
    @extend_schema(
        operation_id="governance_exclusions_hearing_create",
        summary="Vastleggen dat de partij is gehoord (art. 23.2)",
        request=DateInSerializer,
        responses={200: ExclusionSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Gehoord", {"on": "2026-03-01"}),
            refused_example("De partij wordt gehoord na de ingebrekestelling (art. 23.2)."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        exclusion = _exclusion(request, pk)
        d = valid(DateInSerializer, request)
        return respond(
            lambda: services.exclusion_step_record(
                actor=_actor(request), exclusion=exclusion, heard_on=d["on"], ctx=_ctx(request)
            ),
            lambda r: ExclusionSerializer(r).data,
            status=200,
        )


class ExclusionDecisionView(APIView):
    @extend_schema(
        operation_id="governance_exclusions_decision_create",
        summary="Het besluit van de Stuurgroep over de uitsluiting vastleggen (art. 23.2); 409 "
        "zonder ingebrekestelling of horen",
        request=None,
        responses={200: MotionSerializer, **WRITE_ERRORS},
        examples=[
            refused_example("De partij is niet in gebreke gesteld (art. 23.2)."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        exclusion = _exclusion(request, pk)
        actor = _actor(request)
        return respond(
            lambda: decide_open(actor, exclusion.motions.all(), request),
            lambda r: MotionSerializer(r).data,
            status=200,
        )
