"""RFC 9457 problem details: every API error, with a stable ``type`` and a Dutch title."""

from __future__ import annotations

from typing import Any

from django.db import DataError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response

PROBLEM_BASE = "https://schakel.nl/problems/"
CONTENT_TYPE = "application/problem+json"


def problem_body(
    *, status: int, kind: str, title: str, detail: str, **extra: Any
) -> dict[str, Any]:
    return {
        "type": PROBLEM_BASE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }


def problem_response(
    *, status: int, kind: str, title: str, detail: str, **extra: Any
) -> HttpResponse:
    """A problem+json response outside DRF (middleware, Django error handlers)."""
    return JsonResponse(
        problem_body(status=status, kind=kind, title=title, detail=detail, **extra),
        status=status,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def _flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten_errors(value, name))
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                out.extend(_flatten_errors(value, f"{prefix}[{index}]" if prefix else str(index)))
            else:
                out.extend(_flatten_errors(value, prefix))
        return out
    code = getattr(detail, "code", "invalid")
    return [{"name": prefix or "non_field_errors", "code": str(code), "reason": str(detail)}]


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler, speaking problem+json."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DataError):
        # Input the database cannot store (e.g. a value out of range); nothing was saved.
        return Response(
            problem_body(
                status=400,
                kind="validation-error",
                title=_("Invalid input"),
                detail=_("The input could not be stored: a value is out of range or malformed."),
                invalid_params=[],
            ),
            status=400,
            content_type=CONTENT_TYPE,
        )
    if isinstance(exc, exceptions.ValidationError):
        body = problem_body(
            status=400,
            kind="validation-error",
            title=_("Invalid input"),
            detail=_("One or more fields are invalid."),
            invalid_params=_flatten_errors(exc.detail),
        )
        return Response(body, status=400, content_type=CONTENT_TYPE)
    if isinstance(exc, exceptions.APIException):
        kind, title = _KINDS.get(type(exc), ("error", _("Error")))
        if isinstance(exc, exceptions.NotFound):
            # A forbidden object and a missing one answer exactly the same (existence is sensitive).
            detail = _("The requested resource does not exist.")
        else:
            detail = str(exc.detail)
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
        body = problem_body(status=exc.status_code, kind=kind, title=str(title), detail=detail)
        return Response(body, status=exc.status_code, content_type=CONTENT_TYPE, headers=headers)
    return None


_KINDS: dict[type[exceptions.APIException], tuple[str, Any]] = {}


def _register_kinds() -> None:
    _KINDS.update(
        {
            exceptions.ParseError: ("malformed-request", gettext_lazy("Malformed request")),
            exceptions.AuthenticationFailed: (
                "authentication-failed",
                gettext_lazy("Authentication failed"),
            ),
            exceptions.NotAuthenticated: ("not-authenticated", gettext_lazy("Not authenticated")),
            exceptions.PermissionDenied: ("forbidden", gettext_lazy("Forbidden")),
            exceptions.NotFound: ("not-found", gettext_lazy("Not found")),
            exceptions.MethodNotAllowed: ("method-not-allowed", gettext_lazy("Method not allowed")),
            exceptions.NotAcceptable: ("not-acceptable", gettext_lazy("Not acceptable")),
            exceptions.UnsupportedMediaType: (
                "unsupported-media-type",
                gettext_lazy("Unsupported media type"),
            ),
            exceptions.Throttled: ("throttled", gettext_lazy("Too many requests")),
        }
    )


_register_kinds()
__all__ = ["problem_exception_handler", "problem_response", "status"]
