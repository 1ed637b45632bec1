"""Request-wide plumbing: a request id for the audit log, and the headers CSP does not set."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id, taken from a trusted proxy's X-Request-ID when well formed.

    The id ties the audit events of one request together, and to the web server's log line.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Headers that Django and django-csp leave to us."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Personal data must not linger in shared caches or the browser's back button. Static
        # files never reach this middleware (WhiteNoise answers them first) and stay cacheable.
        response.setdefault("Cache-Control", "no-store")
        return response


_NUL_IN_JSON = re.compile(rb"\\u0000", re.IGNORECASE)


class RejectNulCharactersMiddleware:
    """Refuse input with NUL characters before it reaches a form, serializer or query.

    No Dutch name, address or note contains one, PostgreSQL cannot store one, and a lookup
    with one fails deep in the database driver. One clear 400 here instead of a 500 there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            from django.utils.translation import gettext as _

            from schakel.web.views.errors import bad_input

            return bad_input(request, _("The input contains characters that are not allowed."))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.get_full_path():
            return True
        if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return False
        if request.content_type == "multipart/form-data":
            # Uploads (e.g. a signed copy of the covenant) stream to disk; reading request.body
            # would buffer them in memory and refuse any file over DATA_UPLOAD_MAX_MEMORY_SIZE.
            # File contents are binary anyway: only the text fields and file names matter.
            texts = [v for _, values in request.POST.lists() for v in values]
            texts += [f.name or "" for _, files in request.FILES.lists() for f in files]
            return any("\x00" in text for text in texts)
        body = request.body
        return b"\x00" in body or _NUL_IN_JSON.search(body) is not None
