"""What every governance API view shares: the actor, the 409 for covenant refusals, examples."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.accounts.selectors import actor_for
from schakel.api.problems import CONTENT_TYPE, problem_body
from schakel.api.serializers import ProblemSerializer
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.governance_policy import GovAction
from schakel.governance import services
from schakel.governance.models import Meeting, Motion
from schakel.parties.models import Party

T = TypeVar("T")
PROBLEM = OpenApiResponse(ProblemSerializer, description="problem+json")


class RefusedSerializer(ProblemSerializer):
    reasons = serializers.ListField(child=serializers.CharField())


REFUSED = OpenApiResponse(
    RefusedSerializer, description="Geweigerd door een regel van het convenant"
)
WRITE_ERRORS = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: REFUSED}


def refused_example(*reasons: str) -> OpenApiExample:
    """The 409 a rule of the covenant answers, for the schema."""
    return OpenApiExample(
        "Geweigerd door het convenant",
        value={
            "type": "https://schakel.nl/problems/governance-rule",
            "title": "Geweigerd door het convenant",
            "status": 409,
            "detail": " ".join(reasons),
            "reasons": list(reasons),
        },
        response_only=True,
        status_codes=["409"],
    )


def request_example(name: str, value: dict[str, Any]) -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True)


def actor(request: Request) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def require(actor_: Actor, action: GovAction, **facts: object) -> None:
    """403 before anything is read from the request, for an action the role may not take."""
    from schakel.governance import selectors

    if not selectors.allows(actor_, action, **facts):
        raise exceptions.PermissionDenied(_("You may not do this."))


def ctx(request: Request) -> AuditContext:
    return AuditContext.from_request(request._request)


def call(fn: Callable[[], T]) -> T | Response:
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


def respond(fn: Callable[[], T], out: Callable[[T], Any], status: int = 201) -> Response:
    """Call one service and answer with ``out(result)``, or the 409 of a refusal."""
    result = call(fn)
    if isinstance(result, Response):
        return result
    return Response(out(result), status=status)


def valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def party(slug: str, field: str = "party") -> Party:
    found = Party.objects.filter(slug=slug).first()
    if found is None:
        raise exceptions.ValidationError({field: [_("Unknown party.")]})
    return found


def meeting_of(actor_: Actor, meeting_id: int, field: str = "meeting") -> Meeting:
    from schakel.governance import selectors

    meeting = selectors.meeting_get(actor_, meeting_id)
    if meeting is None:
        raise exceptions.ValidationError({field: [_("Unknown meeting.")]})
    return meeting


def decide_open(actor_: Actor, motions: QuerySet[Motion], request: Request) -> Motion:
    """Record the decision on the open motion about a subject (amendment, plan, exclusion)."""
    motion = motions.filter(status=Motion.Status.OPEN).order_by("-id").first()
    if motion is None:
        raise services.GovernanceRefused(["Er ligt hierover geen open voorstel bij de Stuurgroep."])
    return services.motion_decide(actor=actor_, motion=motion, ctx=ctx(request))
