"""Seats in the Stuurgroep and the Kerngroepoverleg (Art. 4.3, 6.3, 6.5, Bijlage 4).

For the manager (secretary of the Stuurgroep) and the functional administrator; anyone else is
told the page does not exist.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.domain.covenant import Body, CoreRole
from schakel.governance import selectors, services
from schakel.governance.forms import SeatEndForm, SeatForm
from schakel.governance.views._common import actor_of, ctx, governance_view, run


def _seat_field(reason: str) -> str:
    """Which field of the seat form a refusal of the covenant belongs next to."""
    if "al een zetel" in reason:
        return "user"
    if "mandat" in reason or "gemeenten kunnen" in reason:
        return "mandated_by"
    if "DVO" in reason:
        return "body"
    return "core_role"


@governance_view
def seats(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    listing = selectors.seat_list(actor)
    if listing is None:
        raise Http404
    form = SeatForm(request.POST or None, parties=selectors.member_parties())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run(
            request,
            form,
            lambda: services.body_member_add(
                actor=actor,
                body=Body(d["body"]),
                user=d["user"],
                since=d["since"],
                party=d["party"],
                seat=d["seat"],
                core_role=CoreRole(d["core_role"]) if d["core_role"] else None,
                mandated_by=d["mandated_by"],
                mandate_accepted_in_writing=d["mandate_accepted_in_writing"],
                ctx=ctx(request),
            ),
            _("The seat has been granted."),
            field_for=_seat_field,
        ):
            return redirect("governance:seats")
    today = timezone.localdate()
    rows = list(listing)
    current = [s for s in rows if s.since <= today and (s.until is None or s.until > today)]
    coming = [s for s in rows if s.since > today]
    past = [s for s in rows if s.until is not None and s.until <= today]
    return render(
        request,
        "governance/seats.html",
        {
            "current": current,
            "coming": coming,
            "past": past[-50:],
            "form": form,
            # Art. 6.3, 6.5: the composition of the core group, shown where it is kept.
            "problems": selectors.body_problems(today.year),
        },
    )


@governance_view
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    seat = selectors.seat_get(actor, pk)
    if seat is None:
        raise Http404
    form = SeatEndForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.body_member_end(
                actor=actor, member=seat, until=form.cleaned_data["until"], ctx=ctx(request)
            ),
            _("The seat has been ended."),
            field_for=lambda _reason: "until",
        )
    ):
        return redirect("governance:seats")
    return render(request, "governance/seat_end.html", {"seat": seat, "form": form})
