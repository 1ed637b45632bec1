"""The meeting page (agenda, invitees, attendance, minutes), changing and cancelling a meeting,
the printable agenda and the calendar file. A delegate sees only the items their party is
invited to; a meeting without such an item is the same 404 as a missing one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from schakel.audit import record as audit
from schakel.audit.models import AuditAction
from schakel.meetings import pdf, selectors, services
from schakel.meetings.calendar import meeting_ics
from schakel.meetings.forms import ItemForm, MeetingForm
from schakel.meetings.models import MeetingStatus
from schakel.meetings.views._common import actor_of, attempt, ctx_of
from schakel.meetings.views.board import meeting_input

PURPOSE_AGENDA_PDF = "Art. 15.2 agenda casustafel (afdruk)"


@login_required
@require_GET
def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    page = selectors.meeting_get_for(
        actor=actor_of(request), ctx=ctx_of(request), meeting_id=meeting_id
    )
    if page is None:
        raise Http404
    return render(request, "meetings/meeting.html", {"page": page, "m": page.meeting})


def _staff_meeting(request: HttpRequest, meeting_id: int) -> selectors.MeetingPage:
    actor = actor_of(request)
    page = selectors.meeting_get_for(actor=actor, ctx=ctx_of(request), meeting_id=meeting_id)
    if page is None or not page.staff:
        raise Http404
    return page


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    page = _staff_meeting(request, meeting_id)
    m = page.meeting
    start, end = timezone.localtime(m.starts_at), timezone.localtime(m.ends_at)
    initial = {
        "kind": m.kind,
        "title": m.title,
        "day": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "location": m.location,
        "video_url": m.video_url,
        "chair": m.chair_id,
        "secretary": m.secretary_id,
    }
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    status = 200
    if request.method == "POST":
        response, status = attempt(
            request,
            form,
            lambda d: services.meeting_update(
                actor=actor_of(request),
                ctx=ctx_of(request),
                meeting_id=meeting_id,
                data=meeting_input(d, kind=m.kind),
            ),
            _("The meeting has been changed; the invited parties received the update."),
            lambda: redirect("meetings:detail", meeting_id=meeting_id),
        )
        if response is not None:
            return response
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "m": m, "editing": True},
        status=status,
    )


def _state_change(request: HttpRequest, meeting_id: int, call, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    from django import forms

    response, _status = attempt(
        request,
        forms.Form(request.POST),
        lambda d: call(actor=actor_of(request), ctx=ctx_of(request), meeting_id=meeting_id),
        done,
        lambda: redirect("meetings:detail", meeting_id=meeting_id),
    )
    if response is None:
        from django.contrib import messages

        messages.error(request, _("This is not possible for this meeting."))
        return redirect("meetings:detail", meeting_id=meeting_id)
    return response


@login_required
@require_POST
def cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _state_change(
        request,
        meeting_id,
        services.meeting_cancel,
        _("The meeting has been cancelled; the invited parties received the cancellation."),
    )


@login_required
@require_POST
def held(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _state_change(
        request, meeting_id, services.meeting_mark_held, _("The meeting is marked as held.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    page = _staff_meeting(request, meeting_id)
    if page.meeting.status != MeetingStatus.planned:
        raise Http404
    form = ItemForm(
        request.POST or None,
        cases=selectors.agenda_candidates(actor=actor_of(request), meeting=page.meeting),
    )
    status = 200
    if request.method == "POST":
        added: list = []  # type: ignore[type-arg]
        response, status = attempt(
            request,
            form,
            lambda d: added.append(
                services.agenda_item_add(
                    actor=actor_of(request),
                    ctx=ctx_of(request),
                    meeting_id=meeting_id,
                    case_id=d["case"].pk,
                    goal=d["goal"],
                    decisions_needed=d["decisions_needed"],
                    themes=d["themes"],
                )
            ),
            _("The case is on the agenda. Now invite the parties for this item."),
            lambda: redirect("meetings:item", meeting_id=meeting_id, item_id=added[0].pk),
        )
        if response is not None:
            return response
    return render(
        request, "meetings/item_form.html", {"form": form, "m": page.meeting}, status=status
    )


@login_required
@require_GET
def agenda_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The printable agenda; for a delegate only the items their party is invited to."""
    actor, ctx = actor_of(request), ctx_of(request)
    page = selectors.meeting_get_for(actor=actor, ctx=ctx, meeting_id=meeting_id)
    if page is None:
        raise Http404
    audit.record_changed(
        ctx,
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="meeting_agenda",
        object_id=meeting_id,
        purpose=PURPOSE_AGENDA_PDF,
    )
    body = pdf.agenda_pdf({"page": page, "m": page.meeting})
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{meeting_id}.pdf"'
    return response


@login_required
@require_GET
def ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_for_calendar(
        actor=actor_of(request), ctx=ctx_of(request), meeting_id=meeting_id
    )
    if meeting is None:
        raise Http404
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overleg-{meeting_id}.ics"'
    return response
