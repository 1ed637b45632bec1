"""Error pages in Dutch; the API gets problem+json instead of HTML."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
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


def bad_input(request: HttpRequest, detail: str) -> HttpResponse:
    """Input refused before any view saw it; nothing was saved."""
    return _error(request, 400, "invalid-characters", _("Invalid input"), detail)


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
    title = _("Something went wrong")
    detail = _("An unexpected error occurred. Nothing was changed. Please try again.")
    if request.path.startswith("/api/"):
        return problem_response(status=500, kind="server-error", title=title, detail=detail)
    # No request context: the error may be the database itself, which the shell's context
    # processors need.
    html = render_to_string("errors/500.html", {"title": title, "detail": detail})
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form was stale or forged: say so in Dutch; nothing was saved."""
    return _error(
        request,
        403,
        "csrf-failed",
        _("Form expired"),
        _(
            "The form was open too long or came from elsewhere. Nothing was saved. "
            "Go back, reload the page and try again."
        ),
    )
