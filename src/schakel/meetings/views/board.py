"""The secretary's planning board, "Mijn overleggen", and planning a meeting."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.domain.meetings_policy import may_open_meetings
from schakel.meetings import selectors, services
from schakel.meetings.forms import MeetingForm, aware
from schakel.meetings.views._common import actor_of, attempt, ctx_of


def meeting_input(d: dict, kind: str | None = None) -> services.MeetingInput:  # type: ignore[type-arg]
    return services.MeetingInput(
        kind=kind or d["kind"],
        title=d["title"],
        starts_at=aware(d["day"], d["start_time"]),
        ends_at=aware(d["day"], d["end_time"]),
        location=d["location"],
        video_url=d["video_url"],
        chair_id=d["chair"].pk,
        secretary_id=d["secretary"].pk,
    )


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    data = selectors.board_for(actor=actor)
    if data is None:
        if may_open_meetings(actor):
            return redirect("meetings:mine")
        raise Http404
    return render(request, "meetings/board.html", {"board": data})


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not may_open_meetings(actor):
        raise Http404
    return render(
        request, "meetings/mine.html", {"meetings": selectors.my_meetings_for(actor=actor)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not selectors.may_plan(actor):
        raise Http404
    form = MeetingForm(request.POST or None, initial={"kind": "conference", "repeat_weeks": 0})
    status = 200
    if request.method == "POST":
        created: list = []  # type: ignore[type-arg]
        response, status = attempt(
            request,
            form,
            lambda d: created.extend(
                services.meeting_create(
                    actor=actor,
                    ctx=ctx_of(request),
                    data=meeting_input(d),
                    repeat_weeks=d.get("repeat_weeks") or 0,
                )
            ),
            _("The case conference has been planned."),
            lambda: redirect("meetings:detail", meeting_id=created[0].pk),
        )
        if response is not None:
            return response
    return render(request, "meetings/meeting_form.html", {"form": form}, status=status)
