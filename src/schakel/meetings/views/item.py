"""One agenda item: what the table is asked, the invited parties with their justification,
attendance, minutes and the decision; for an invited delegate the item with the information
its providers released to their party (Art. 12.2f, 17.2), its minutes and their PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from schakel.cases.errors import InvalidInput
from schakel.meetings import selectors, services
from schakel.meetings.forms import (
    AttendanceForm,
    DecisionForm,
    InviteForm,
    MinutesForm,
)
from schakel.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus
from schakel.meetings.pdf import minutes_pdf
from schakel.meetings.plan_forms import ROWS_PARAM, PlanForm, rows_wanted
from schakel.meetings.presentation import outcome_label
from schakel.meetings.views._common import actor_of, attempt, ctx_of
from schakel.sharing.selectors import case_items_for


def _forms(
    item: AgendaItem, bound: dict[str, forms.Form], rows: int
) -> dict[str, forms.Form | int | None]:
    invitations = list(getattr(item, "active_invitations", []))
    open_meeting = item.meeting.status != MeetingStatus.cancelled
    planned = item.meeting.status == MeetingStatus.planned
    decided = bool(item.outcome)
    minutes = selectors.minutes_of(item)
    return {
        "invite": (bound.get("invite") or InviteForm(prefix="invite")) if planned else None,
        "attendance": (
            bound.get("attendance") or AttendanceForm(prefix="attendance", invitations=invitations)
        )
        if open_meeting and invitations
        else None,
        "minutes_form": (
            bound.get("minutes")
            or MinutesForm(prefix="minutes", initial={"text": minutes.text if minutes else ""})
        )
        if open_meeting
        else None,
        "decision": (bound.get("decision") or DecisionForm(prefix="decision"))
        if open_meeting and not decided and item.meeting.kind == MeetingKind.conference
        else None,
        "plan": (bound.get("plan") or PlanForm(prefix="plan", rows=rows))
        if open_meeting and not decided and item.meeting.kind == MeetingKind.mdo
        else None,
        "more_rows": rows + 2,
    }


def _page(
    request: HttpRequest,
    meeting_id: int,
    item_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_of(request)
    item = selectors.item_get_for(
        actor=actor, ctx=ctx_of(request), meeting_id=meeting_id, item_id=item_id
    )
    if item is None:
        raise Http404
    staff = selectors.may_manage(actor, item.meeting)
    context: dict[str, Any] = {
        "item": item,
        "m": item.meeting,
        "staff": staff,
        "invitations": list(getattr(item, "active_invitations", [])),
        "minutes": selectors.minutes_of(item),
        # Titles only (no content, so no read event): what the providers released to this
        # party, or everything for the house staff (Art. 12.2f, 17.2).
        "information": case_items_for(actor=actor, case=item.case).rows,
        "outcome_label": outcome_label(item.outcome),
    }
    if staff:
        context.update(_forms(item, bound or {}, rows_wanted(request.GET.get(ROWS_PARAM))))
    return render(request, "meetings/item.html", context, status=status)


@login_required
@require_GET
def item_detail(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    return _page(request, meeting_id, item_id)


def _operation(
    request: HttpRequest,
    meeting_id: int,
    item_id: int,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or not selectors.may_manage(actor_of(request), meeting):
        raise Http404
    response, status = attempt(
        request,
        form,
        call,
        done,
        lambda: redirect("meetings:item", meeting_id=meeting_id, item_id=item_id),
    )
    if response is not None:
        return response
    return _page(request, meeting_id, item_id, {key: form}, status=status)


def _item_of(meeting_id: int, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=item_id, meeting_id=meeting_id).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def invite(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    _item_of(meeting_id, item_id)
    form = InviteForm(request.POST, prefix="invite")
    return _operation(
        request,
        meeting_id,
        item_id,
        "invite",
        form,
        lambda d: services.invitation_add(
            actor=actor_of(request),
            ctx=ctx_of(request),
            item_id=item_id,
            party_id=d["party"].pk,
            justification=d["justification"],
        ),
        _("The party has been invited for this item and received the invitation by e-mail."),
    )


@login_required
@require_POST
def uninvite(
    request: HttpRequest, meeting_id: int, item_id: int, invitation_id: int
) -> HttpResponse:
    _item_of(meeting_id, item_id)
    return _operation(
        request,
        meeting_id,
        item_id,
        "invite",
        forms.Form(request.POST),
        lambda d: services.invitation_remove(
            actor=actor_of(request),
            ctx=ctx_of(request),
            item_id=item_id,
            invitation_id=invitation_id,
        ),
        _("The invitation has been withdrawn."),
    )


@login_required
@require_POST
def attendance(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = _item_of(meeting_id, item_id)
    invitations = list(item.invitations.filter(removed_at__isnull=True).select_related("party"))
    form = AttendanceForm(request.POST, prefix="attendance", invitations=invitations)
    return _operation(
        request,
        meeting_id,
        item_id,
        "attendance",
        form,
        lambda d: services.attendance_record(
            actor=actor_of(request),
            ctx=ctx_of(request),
            item_id=item_id,
            rows=[services.AttendanceInput(*row) for row in form.rows()],
        ),
        _("The attendance has been recorded."),
    )


@login_required
@require_POST
def minutes(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    _item_of(meeting_id, item_id)
    return _operation(
        request,
        meeting_id,
        item_id,
        "minutes",
        MinutesForm(request.POST, prefix="minutes"),
        lambda d: services.minutes_save(
            actor=actor_of(request), ctx=ctx_of(request), item_id=item_id, text=d["text"]
        ),
        _("The minutes have been saved."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    _item_of(meeting_id, item_id)
    return _operation(
        request,
        meeting_id,
        item_id,
        "decision",
        DecisionForm(request.POST, prefix="decision"),
        lambda d: services.item_decide(
            actor=actor_of(request),
            ctx=ctx_of(request),
            item_id=item_id,
            decision=d["decision"],
            motivation=d["motivation"],
        ),
        _("The decision has been recorded; the case has moved on."),
    )


def _adopt(
    request: HttpRequest, item_id: int, form: PlanForm
) -> Callable[[dict[str, Any]], object]:
    def call(d: dict[str, Any]) -> object:
        goals, actions = form.plan_rows()
        plan = services.PlanInput(
            case_director_id=d["case_director"].pk,
            informer_party_id=d["informer_party"].pk,
            inform_on=d["inform_on"],
            inform_postponed_reason=d["inform_postponed_reason"],
            goals=goals,
            closure_criteria=d["closure_criteria"],
            actions=actions,
        )
        try:
            return services.item_adopt_plan(
                actor=actor_of(request), ctx=ctx_of(request), item_id=item_id, plan=plan
            )
        except InvalidInput as exc:
            # Row errors go next to the row's field; the rest next to the form's own fields.
            raise InvalidInput(form.place_row_errors(exc.errors)) from None

    return call


@login_required
@require_POST
def plan(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    _item_of(meeting_id, item_id)
    form = PlanForm(request.POST, prefix="plan")
    return _operation(
        request,
        meeting_id,
        item_id,
        "plan",
        form,
        _adopt(request, item_id, form),
        _("The plan of action has been adopted; the case is in execution."),
    )


@login_required
@require_POST
def send_minutes(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = _item_of(meeting_id, item_id)
    # The stored minutes stand in for the form: without minutes the Dutch error shows at the
    # minutes field (nothing is sent).
    written = selectors.minutes_of(item)
    form = MinutesForm({"minutes-text": written.text if written else ""}, prefix="minutes")
    return _operation(
        request,
        meeting_id,
        item_id,
        "minutes",
        form,
        lambda d: services.minutes_send(
            actor=actor_of(request), ctx=ctx_of(request), item_id=item_id
        ),
        _("The minutes have been sent to the parties invited for this item."),
    )


@login_required
@require_GET
def minutes_download(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """The minutes of one item as PDF, for the house staff and that item's parties only."""
    item = selectors.item_get_for(
        actor=actor_of(request),
        ctx=ctx_of(request),
        meeting_id=meeting_id,
        item_id=item_id,
        purpose=selectors.PURPOSE_MINUTES,
    )
    written = selectors.minutes_of(item) if item is not None else None
    if item is None or written is None:
        raise Http404
    body = minutes_pdf(
        services.minutes_context(item, written, list(getattr(item, "active_invitations", [])))
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notulen-{item.pk}.pdf"'
    return response
