"""Motions, votes and decisions (Art. 5.4-5.8, 7.1-7.5), and the outcome of the Districtelijk
Veiligheidsoverleg on an escalated matter (Art. 5.6, 5.7)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.domain.covenant import Vote
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors, services
from schakel.governance.api._common import (
    PROBLEM,
    REFUSED,
    WRITE_ERRORS,
    call,
    refused_example,
    request_example,
    require,
    respond,
    valid,
)
from schakel.governance.api._common import actor as _actor
from schakel.governance.api._common import ctx as _ctx
from schakel.governance.api.serializers import (
    EscalationSerializer,
    MotionSerializer,
    VoteOutSerializer,
)


class VoteInSerializer(serializers.Serializer[Any]):
    vote = serializers.ChoiceField(choices=[v.value for v in Vote])
    member = serializers.IntegerField(
        required=False, help_text="Only the secretary: the member whose vote is recorded."
    )


class MotionDetailView(APIView):
    @extend_schema(
        operation_id="governance_motions_retrieve",
        summary="Een voorstel met de stemmen",
        responses={200: MotionSerializer, 404: PROBLEM},
    )
    def get(self, request: Request, pk: int) -> Response:
        motion = selectors.motion_get(_actor(request), pk)
        if motion is None:
            raise exceptions.NotFound
        return Response(MotionSerializer(motion).data)


class MotionVoteView(APIView):
    @extend_schema(
        operation_id="governance_motions_votes_create",
        summary="Stemmen op een voorstel (art. 5.4, 7.1)",
        request=VoteInSerializer,
        examples=[
            request_example("Voor", {"vote": "for"}),
            refused_example("Over dit voorstel is al besloten."),
        ],
        responses={201: VoteOutSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: REFUSED},
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        motion = selectors.motion_get(actor, pk)
        if motion is None:
            raise exceptions.NotFound
        form = VoteInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        member = None
        if d.get("member") is not None:
            seat = (
                motion.meeting.attendance.filter(member_id=d["member"]).first()
                if motion.meeting
                else None
            )
            if seat is None:
                raise exceptions.ValidationError({"member": [_("Not a member of this body.")]})
            member = seat.member
        result = call(
            lambda: services.vote_cast(
                actor=actor, motion=motion, vote=Vote(d["vote"]), member=member, ctx=_ctx(request)
            )
        )
        if isinstance(result, Response):
            return result
        return Response(VoteOutSerializer(result).data, status=status.HTTP_201_CREATED)


class MotionDecisionView(APIView):
    @extend_schema(
        operation_id="governance_motions_decision_create",
        summary="Het besluit vastleggen; geblokkeerd (409) zolang een afwezige partij niet is "
        "gehoord (art. 5.5, 7.2)",
        request=None,
        responses={200: MotionSerializer, 403: PROBLEM, 404: PROBLEM, 409: REFUSED},
        examples=[
            refused_example(
                "Ggz was afwezig en leverde geen schriftelijke inbreng; het besluit wacht tot "
                "de partij is gehoord (art. 5.5)."
            )
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        motion = selectors.motion_get(actor, pk)
        if motion is None:
            raise exceptions.NotFound
        result = call(lambda: services.motion_decide(actor=actor, motion=motion, ctx=_ctx(request)))
        if isinstance(result, Response):
            return result
        return Response(MotionSerializer(result).data)


class DecisionListView(APIView):
    @extend_schema(
        operation_id="governance_decisions_list",
        summary="Het besluitenregister: alles wat besloten is, door wie, met de stemmen",
        responses={200: MotionSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.decision_list(_actor(request))
        if listing is None:
            raise exceptions.NotFound
        return Response(MotionSerializer(listing[:200], many=True).data)


class OutcomeInSerializer(serializers.Serializer[Any]):
    outcome = serializers.CharField(help_text="What the DVO decided, in a few sentences.")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)


class EscalationOutcomeView(APIView):
    @extend_schema(
        operation_id="governance_escalations_outcome_create",
        summary="De uitkomst van het Districtelijk Veiligheidsoverleg vastleggen (art. 5.6, 5.7)",
        request=OutcomeInSerializer,
        responses={200: EscalationSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Uitkomst",
                {"outcome": "Het DVO stemt in met de hogere bijdrage.", "decided_on": "2026-10-02"},
            ),
            refused_example("Het DVO besliste niet vóór de zaak werd voorgelegd."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        escalation = selectors.escalation_get(actor, pk)
        if escalation is None:
            raise exceptions.NotFound
        require(actor, GovAction.manage_meeting)
        d = valid(OutcomeInSerializer, request)
        return respond(
            lambda: services.escalation_outcome_record(
                actor=actor,
                escalation=escalation,
                outcome=d["outcome"],
                decided_on=d["decided_on"],
                ctx=_ctx(request),
            ),
            lambda e: EscalationSerializer(e).data,
            status=200,
        )
