"""The covenant register (Art. 23.1a) and amendments (Art. 22): propose, adopt, re-sign."""

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
    PROBLEM,
    WRITE_ERRORS,
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
from schakel.governance.api.serializers import MotionSerializer, ProposalInSerializer
from schakel.governance.models import Amendment, Motion


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


class AmendmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    articles_changed = serializers.CharField(max_length=200, help_text="For example: 2.3, 16")
    effective_on = serializers.DateField()
    adopted_on = serializers.DateField(read_only=True, allow_null=True)
    requires_resigning = serializers.BooleanField(read_only=True)
    still_to_sign = serializers.ListField(child=serializers.CharField(), read_only=True)
    in_force_on = serializers.DateField(read_only=True, allow_null=True)
    signatures = SignatureOutSerializer(many=True, read_only=True)


def _amendment_data(amendment: Amendment) -> dict[str, Any]:
    state = selectors.amendment_domain_status(amendment)
    data = dict(AmendmentSerializer(amendment).data)
    data.update(
        requires_resigning=state.requires_resigning,
        still_to_sign=list(state.still_to_sign),
        in_force_on=state.in_force_on,
        signatures=SignatureOutSerializer(
            amendment.signatures.select_related("party"), many=True
        ).data,
    )
    return data


def _amendment(request: Request, pk: int, action: GovAction) -> Amendment:
    """404 when the register is not visible, 403 when the role may not do ``action``."""
    actor = _actor(request)
    amendment = selectors.amendment_get(actor, pk)
    if amendment is None:
        raise exceptions.NotFound
    require(actor, action)
    return amendment


class AmendmentListView(APIView):
    @extend_schema(
        operation_id="governance_amendments_list",
        summary="Wijzigingen van het convenant, met wie nog moet ondertekenen (art. 22)",
        responses={200: AmendmentSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.amendment_list(_actor(request))
        if listing is None:
            raise exceptions.NotFound
        return Response([_amendment_data(a) for a in listing[:100]])

    @extend_schema(
        operation_id="governance_amendments_create",
        summary="Een wijziging van het convenant vastleggen (art. 22.1)",
        request=AmendmentSerializer,
        responses={201: AmendmentSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Wijziging",
                {
                    "title": "Nieuwe werkwijze",
                    "articles_changed": "8, 9",
                    "effective_on": "2027-01-01",
                },
            ),
            refused_example("Noem de artikelen die wijzigen."),
        ],
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        require(actor, GovAction.manage_amendments)
        d = valid(AmendmentSerializer, request)
        covenant = selectors.covenant_current()
        if covenant is None:
            raise exceptions.NotFound
        return respond(
            lambda: services.amendment_create(
                actor=actor,
                covenant=covenant,
                title=d["title"],
                articles_changed=d["articles_changed"],
                effective_on=d["effective_on"],
                ctx=_ctx(request),
            ),
            _amendment_data,
        )


class AmendmentProposalView(APIView):
    @extend_schema(
        operation_id="governance_amendments_proposal_create",
        summary="De wijziging aan de Stuurgroep voorleggen (art. 22.1)",
        request=ProposalInSerializer,
        responses={201: MotionSerializer, **WRITE_ERRORS},
        examples=[
            request_example("Voorleggen", {"meeting": 3}),
            refused_example("Wijzigingen worden door de Stuurgroep besloten (art. 22.1)."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        amendment = _amendment(request, pk, GovAction.manage_amendments)
        meeting = meeting_of(actor, valid(ProposalInSerializer, request)["meeting"])
        return respond(
            lambda: services.motion_create(
                actor=actor,
                body=Body.STEERING_GROUP,
                meeting=meeting,
                title=f"Wijziging convenant: {amendment.title}",
                kind=Motion.Kind.AMENDMENT,
                amendment=amendment,
                ctx=_ctx(request),
            ),
            lambda m: MotionSerializer(m).data,
        )


class AmendmentAdoptionView(APIView):
    @extend_schema(
        operation_id="governance_amendments_adoption_create",
        summary="Het besluit van de Stuurgroep over de wijziging vastleggen (art. 22.1)",
        request=None,
        responses={200: MotionSerializer, **WRITE_ERRORS},
        examples=[refused_example("Er ligt hierover geen open voorstel bij de Stuurgroep.")],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        amendment = _amendment(request, pk, GovAction.manage_amendments)
        return respond(
            lambda: decide_open(actor, amendment.motions.all(), request),
            lambda m: MotionSerializer(m).data,
            status=200,
        )


class ResignatureInSerializer(serializers.Serializer[Any]):
    party = serializers.SlugField()
    signed_on = serializers.DateField()
    signed_by = serializers.CharField(max_length=200, help_text="Name and function.")


class AmendmentSignatureView(APIView):
    @extend_schema(
        operation_id="governance_amendments_signatures_create",
        summary="Een partij ondertekent het gewijzigde convenant opnieuw (art. 22.2)",
        request=ResignatureInSerializer,
        responses={201: SignatureOutSerializer, **WRITE_ERRORS},
        examples=[
            request_example(
                "Ondertekening",
                {"party": "politie", "signed_on": "2026-11-01", "signed_by": "J. Jansen, chef"},
            ),
            refused_example("De ondertekening door Politie is al vastgelegd."),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = _actor(request)
        amendment = _amendment(request, pk, GovAction.manage_register)
        d = valid(ResignatureInSerializer, request)
        party = _party(d["party"])
        return respond(
            lambda: services.signature_record(
                actor=actor,
                covenant=amendment.covenant,
                party=party,
                signed_on=d["signed_on"],
                signed_by=d["signed_by"],
                amendment=amendment,
                ctx=_ctx(request),
            ),
            lambda s: SignatureOutSerializer(s).data,
        )
