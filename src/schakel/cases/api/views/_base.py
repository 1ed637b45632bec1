"""Shared pieces of the case API: the error mapping, the schema's error responses, the base view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
)
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.selectors import actor_for
from schakel.api.problems import CONTENT_TYPE, problem_body
from schakel.api.serializers import ProblemSerializer
from schakel.audit.record import AuditContext
from schakel.cases import selectors
from schakel.cases.api import serializers as s
from schakel.cases.errors import (
    CaseChanged,
    CaseForbidden,
    CaseNotFound,
    IllegalTransition,
    InvalidInput,
)
from schakel.cases.facts import case_allowed_actions
from schakel.domain.actor import Actor

TAG = "Casussen"

PROBLEM = OpenApiResponse(ProblemSerializer, description="problem+json (RFC 9457)")
ERRORS: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(ProblemSerializer, description="Ongeldige invoer; niets opgeslagen."),
    401: OpenApiResponse(ProblemSerializer, description="Niet ingelogd."),
    403: OpenApiResponse(ProblemSerializer, description="Uw rol mag dit niet."),
    404: OpenApiResponse(ProblemSerializer, description="Casus bestaat niet of is niet zichtbaar."),
    409: OpenApiResponse(
        ProblemSerializer,
        description="De casus is intussen gewijzigd (case-changed), de stap is niet toegestaan "
        "(illegal-transition), de casus is afgesloten (case-closed) of dit kan niet in de "
        "huidige fase (wrong-phase).",
    ),
}
EX_ILLEGAL = OpenApiExample(
    "Stap niet toegestaan",
    value={
        "type": "https://schakel.nl/problems/illegal-transition",
        "title": "Stap niet toegestaan",
        "status": 409,
        "detail": "Beoordeel alle vier criteria voor complexe casuïstiek, elk met een motivering "
        "(Bijlage 2).",
        "code": "missing_fact:criteria_assessed",
    },
    response_only=True,
    status_codes=["409"],
)
EX_CHANGED = OpenApiExample(
    "Intussen gewijzigd",
    value={
        "type": "https://schakel.nl/problems/case-changed",
        "title": "Casus intussen gewijzigd",
        "status": 409,
        "detail": "De casus is intussen gewijzigd door iemand anders. Uw wijzigingen zijn niet "
        "opgeslagen; laad de casus opnieuw en probeer het nog eens.",
        "current_version": 4,
    },
    response_only=True,
    status_codes=["409"],
)


def problem(status: int, kind: str, title: str, detail: str, **extra: Any) -> Response:
    body = problem_body(status=status, kind=kind, title=title, detail=detail, **extra)
    return Response(body, status=status, content_type=CONTENT_TYPE)


def invalid(errors: dict[str, list[str]]) -> Response:
    params = [
        {"name": name, "code": "invalid", "reason": message}
        for name, messages in errors.items()
        for message in messages
    ]
    return problem(
        400,
        "validation-error",
        _("Invalid input"),
        _("One or more fields are invalid."),
        invalid_params=params,
    )


def run(call: Callable[[], Any], ok: Callable[[Any], Response]) -> Response:
    """Call one service and turn its domain errors into problem+json."""
    try:
        result = call()
    except CaseNotFound:
        raise exceptions.NotFound from None
    except CaseChanged as exc:
        return problem(
            409,
            "case-changed",
            _("Case changed in the meantime"),
            exc.reason_nl,
            current_version=exc.current_version,
        )
    except IllegalTransition as exc:
        return problem(
            409, "illegal-transition", _("Step not allowed"), exc.reason_nl, code=exc.code
        )
    except CaseForbidden as exc:
        if exc.code == "closed":
            return problem(409, "case-closed", _("Case closed"), exc.reason_nl)
        if exc.code == "phase_not_allowed":
            return problem(409, "wrong-phase", _("Not in this phase"), exc.reason_nl)
        return problem(403, "forbidden", _("Forbidden"), exc.reason_nl, code=exc.code)
    except InvalidInput as exc:
        return invalid(exc.errors)
    return ok(result)


class CaseAPIView(APIView):
    def actor(self, request: Request) -> Actor:
        return actor_for(request.user)  # type: ignore[arg-type]

    def ctx(self, request: Request) -> AuditContext:
        return AuditContext.from_request(request._request)

    def valid(self, serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def detail(self, request: Request, case_id: int, status: int = 200) -> Response:
        actor = self.actor(request)
        view = selectors.case_view_for(actor=actor, case_id=case_id, ctx=self.ctx(request))
        if view is None:
            raise exceptions.NotFound
        case = view.case
        allowed = [a.value for a in case_allowed_actions(actor=actor, case=case)]
        return Response(s.case_detail_data(view, allowed), status=status)


def date_param(request: Request, name: str) -> date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError({name: [_("Use a date like 2001-04-12.")]}) from None


def int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if not value:
        return None
    if not value.isdecimal() or len(value) > 12:
        raise exceptions.ValidationError({name: [_("Use a number.")]})
    return int(value)
