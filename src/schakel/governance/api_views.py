"""The governance API under /api/v1/governance: one view per operation, thin.

A record the caller may not see answers 404; an action the caller may not take 403; a rule of
the covenant that refuses the change 409 with the Dutch reasons (``type`` .../governance-rule).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.selectors import actor_for
from schakel.api.problems import CONTENT_TYPE, problem_body
from schakel.api.serializers import ProblemSerializer
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.covenant import Vote
from schakel.domain.governance_policy import GovAction
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import selectors, services
from schakel.governance.models import Departure, JoinRequest, Motion
from schakel.parties.models import Party

T = TypeVar("T")
PROBLEM = OpenApiResponse(ProblemSerializer, description="problem+json")


class RefusedSerializer(ProblemSerializer):
    reasons = serializers.ListField(child=serializers.CharField())


REFUSED = OpenApiResponse(RefusedSerializer, description=_("Refused by a rule of the covenant"))


def _actor(request: Request) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: Request) -> AuditContext:
    return AuditContext.from_request(request._request)


def _call(fn: Callable[[], T]) -> T | Response:
    """Run one service: a refusal by the covenant is 409 with the reasons, nothing saved."""
    try:
        return fn()
    except services.GovernanceRefused as exc:
        body = problem_body(
            status=409,
            kind="governance-rule",
            title=_("Refused by the covenant"),
            detail=" ".join(exc.reasons),
            reasons=list(exc.reasons),
        )
        return Response(body, status=409, content_type=CONTENT_TYPE)
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(_("You may not do this.")) from exc


def _party(slug: str) -> Party:
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        raise exceptions.ValidationError({"party": [_("Unknown party.")]})
    return party


# --- Serializers ----------------------------------------------------------------------------------


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


class VoteOutSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.user")
    vote = serializers.CharField()


class MotionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField()
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)
    kind = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    result = serializers.CharField()
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    consensus = serializers.BooleanField()
    refer_to_dvo = serializers.BooleanField()
    discuss_in_rciv = serializers.BooleanField()
    decided_on = serializers.DateField(allow_null=True)
    reasons = serializers.SerializerMethodField()
    escalated_to = serializers.SerializerMethodField()
    votes = VoteOutSerializer(many=True)

    def get_reasons(self, obj: Motion) -> list[str]:
        return obj.reasons.splitlines()

    def get_escalated_to(self, obj: Motion) -> list[str]:
        return [e.to_body for e in obj.escalations.all()]


class VoteInSerializer(serializers.Serializer[Any]):
    vote = serializers.ChoiceField(choices=[v.value for v in Vote])
    member = serializers.IntegerField(
        required=False, help_text="Only the secretary: the member whose vote is recorded."
    )


class MeetingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField()
    held_on = serializers.DateField()
    location = serializers.CharField()
    status = serializers.CharField()


def _join_data(join: JoinRequest) -> dict[str, Any]:
    state = selectors.join_state(join)
    data = JoinRequestSerializer(join).data
    data.update(
        stage=state.stage.value,
        problems=list(state.problems),
        consents=ConsentOutSerializer(join.consents.select_related("party"), many=True).data,
    )
    return data


# --- Views ----------------------------------------------------------------------------------------


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
        result = _call(
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
        result = _call(
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
        result = _call(
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


class MeetingListView(APIView):
    @extend_schema(
        operation_id="governance_meetings_list",
        summary="Vergaderingen van mijn organen (niet openbaar, art. 5.9, 7.6)",
        responses={200: MeetingSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.meeting_list(_actor(request))[:100]
        return Response(MeetingSerializer(listing, many=True).data)


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
        result = _call(
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
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        motion = selectors.motion_get(actor, pk)
        if motion is None:
            raise exceptions.NotFound
        result = _call(
            lambda: services.motion_decide(actor=actor, motion=motion, ctx=_ctx(request))
        )
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


class SignatureOutSerializer(serializers.Serializer[Any]):
    party = serializers.CharField(source="party.slug")
    signed_on = serializers.DateField()
    signed_by = serializers.CharField()
    amendment = serializers.IntegerField(source="amendment_id", allow_null=True)


class CovenantSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    version = serializers.CharField()
    signed_on = serializers.DateField()
    initial_term_end = serializers.DateField(allow_null=True)
    current_term_end = serializers.DateField(allow_null=True)
    next_renewal = serializers.DateField(allow_null=True)
    signatures = SignatureOutSerializer(many=True)


class AnnualPlanSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    vision = serializers.CharField()
    priorities = serializers.CharField()
    budget = serializers.CharField()
    accounts = serializers.CharField()
    quality = serializers.CharField()
    target_groups = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    sent_on = serializers.DateField(allow_null=True)


class CovenantListView(APIView):
    @extend_schema(
        operation_id="governance_covenants_list",
        summary="Het convenantregister: versies, looptijd en ondertekeningen (art. 23.1a)",
        responses={200: CovenantSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        covenants = selectors.covenant_list(_actor(request))
        if covenants is None:
            raise exceptions.NotFound
        rows = []
        for covenant in covenants:
            term = selectors.covenant_term(covenant)
            rows.append(
                {
                    "id": covenant.pk,
                    "title": covenant.title,
                    "version": covenant.version,
                    "signed_on": covenant.signed_on,
                    "initial_term_end": term.initial_end if term else None,
                    "current_term_end": term.current_end if term else None,
                    "next_renewal": term.next_renewal if term else None,
                    "signatures": covenant.signatures.all(),
                }
            )
        return Response(CovenantSerializer(rows, many=True).data)


class AnnualPlanListView(APIView):
    @extend_schema(
        operation_id="governance_annual_plans_list",
        summary="Jaarplannen (art. 4.4); gemeenten zien een verzonden jaarplan (art. 4.6)",
        responses={200: AnnualPlanSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        plans = selectors.annual_plan_list(_actor(request))
        return Response(AnnualPlanSerializer(plans, many=True).data)
