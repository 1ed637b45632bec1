"""Small account views of our own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from schakel.accounts.middleware import AUTH_AT, as_datetime, not_member_detail
from schakel.accounts.selectors import actor_for


@login_required
def session_status(request: HttpRequest) -> HttpResponse:
    """Tells the user since when they are signed in and when the session ends at the latest."""
    started = request.session.get(AUTH_AT)
    return render(
        request,
        "account/session_status.html",
        {"started": as_datetime(started) if started else None},
    )


@login_required
def party_not_member(request: HttpRequest) -> HttpResponse:
    """Art. 23: where ActivePartyMiddleware sends the users of a party that left."""
    actor = actor_for(request.user)  # type: ignore[arg-type]
    if actor.party_active:
        return redirect("web:home")
    return render(
        request, "account/party_not_member.html", {"detail": not_member_detail(actor.party_id)}
    )
