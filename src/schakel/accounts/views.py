"""Small account views of our own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from schakel.accounts.middleware import AUTH_AT, as_datetime


@login_required
def session_status(request: HttpRequest) -> HttpResponse:
    """Tells the user since when they are signed in and when the session ends at the latest."""
    started = request.session.get(AUTH_AT)
    return render(
        request,
        "account/session_status.html",
        {"started": as_datetime(started) if started else None},
    )
