"""Error pages in Dutch; the API gets problem+json instead of HTML."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from schakel.api.problems import problem_response


def _error(request: HttpRequest, status: int, kind: str, title: str, detail: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_response(status=status, kind=kind, title=title, detail=detail)
    return render(
        request,
        "errors/error.html",
        {"title": title, "detail": detail, "status": status},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 400, "bad-request", _("Bad request"), _("The request could not be understood.")
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 403, "forbidden", _("No access"), _("You do not have access to this page.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The same answer for "does not exist" and "you may not see it": existence is sensitive.
    return _error(
        request, 404, "not-found", _("Page not found"), _("The requested resource does not exist.")
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "server-error",
        _("Something went wrong"),
        _("An unexpected error occurred. Nothing was changed. Please try again."),
    )
