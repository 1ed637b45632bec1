"""Changing a composed agenda on screen: taking an item off (after a confirmation page, since
it ends the parties' invitations) and moving an item up or down. Secretary and chair only;
anyone else gets the same 404 as for a missing item."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from schakel.meetings import selectors, services
from schakel.meetings.models import AgendaItem, MeetingStatus
from schakel.meetings.views._common import actor_of, attempt, ctx_of


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"),
        choices=[("up", gettext_lazy("Up")), ("down", gettext_lazy("Down"))],
    )


def _managed_item(request: HttpRequest, meeting_id: int, item_id: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("meeting", "case")
        .filter(pk=item_id, meeting_id=meeting_id)
        .first()
    )
    if item is None or not selectors.may_manage(actor_of(request), item.meeting):
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item = _managed_item(request, meeting_id, item_id)
    form = forms.Form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        response, status = attempt(
            request,
            form,
            lambda d: services.agenda_item_remove(
                actor=actor_of(request), ctx=ctx_of(request), item_id=item_id
            ),
            _("The item has been taken off the agenda; its invitations have ended."),
            lambda: redirect("meetings:detail", meeting_id=meeting_id),
        )
        if response is not None:
            return response
    elif item.meeting.status != MeetingStatus.planned or item.outcome:
        messages.error(request, _("This item can no longer be taken off the agenda."))
        return redirect("meetings:item", meeting_id=meeting_id, item_id=item_id)
    invited = list(item.invitations.filter(removed_at__isnull=True).select_related("party"))
    context = {"form": form, "item": item, "m": item.meeting, "invited": invited}
    return render(request, "meetings/item_remove.html", context, status=status)


@login_required
@require_POST
def move(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    _managed_item(request, meeting_id, item_id)
    form = MoveForm(request.POST)
    response, _status = attempt(
        request,
        form,
        lambda d: services.agenda_item_move(
            actor=actor_of(request),
            ctx=ctx_of(request),
            item_id=item_id,
            direction=d["direction"],
        ),
        _("The order of the agenda has been changed."),
        lambda: redirect("meetings:detail", meeting_id=meeting_id),
    )
    if response is None:
        # A first item up, a last one down, a held meeting: say so on the agenda itself.
        texts = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, texts[0] if texts else _("This is not possible for this meeting."))
        return redirect("meetings:detail", meeting_id=meeting_id)
    return response
