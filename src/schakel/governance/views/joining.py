"""Joining (Art. 21): the requests, the parties' consent, the decision, Annex 1."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from schakel.domain.covenant import Body, JoinStage
from schakel.domain.governance_policy import GovAction
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.governance import selectors, services
from schakel.governance.forms import Annex1Form, ConsentForm, JoinMotionForm, JoinRequestForm
from schakel.governance.models import JoinConsent, JoinRequest, Meeting, Motion
from schakel.governance.pdf import annex1_pdf
from schakel.governance.views._common import actor_of, ctx, governance_view, require, run


@governance_view
def join_requests(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    listing = selectors.join_request_list(actor)
    if listing is None:
        raise Http404
    may_receive = selectors.allows(actor, GovAction.receive_join_request)
    form = JoinRequestForm(request.POST or None)
    covenant = selectors.covenant_current()
    if request.method == "POST":
        require(may_receive and covenant is not None)
        assert covenant is not None
        if form.is_valid():
            d = form.cleaned_data
            holder: dict[str, JoinRequest] = {}

            def call() -> None:
                holder["r"] = services.join_request_create(
                    actor=actor,
                    covenant=covenant,
                    organisation=d["organisation"],
                    slug=d["slug"],
                    kind=PartyKind(d["kind"]),
                    domain=PartyDomain(d["domain"]),
                    seat=d["seat"],
                    address=d["address"],
                    representative=d["representative"],
                    representative_function=d["representative_function"],
                    contribution=d["contribution"],
                    requested_on=d["requested_on"],
                    ctx=ctx(request),
                )

            if run(request, form, call, _("The join request has been recorded.")):
                return redirect("governance:join_request", pk=holder["r"].pk)
    rows = [(r, selectors.join_state(r)) for r in listing[:100]]
    return render(
        request,
        "governance/join_requests.html",
        {"rows": rows, "form": form, "may_receive": may_receive},
    )


@governance_view
def join_request(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    join = selectors.join_request_get(actor, pk)
    if join is None:
        raise Http404
    manager = selectors.allows(actor, GovAction.manage_joining)
    board = selectors.allows(actor, GovAction.view_joining)
    state = selectors.join_state(join)
    answered = {c.party_id: c for c in join.consents.select_related("party")}
    parties = selectors.member_parties()
    consent_parties = (
        parties.exclude(pk__in=answered)
        if manager
        else parties.filter(pk=actor.party_id).exclude(pk__in=answered)
    )
    consent_form = ConsentForm(
        request.POST if request.POST.get("action") == "consent" else None,
        parties=consent_parties,
    )
    meetings = selectors.meeting_list(actor).filter(
        body=Body.STEERING_GROUP.value, status=Meeting.Status.PLANNED
    )
    motion_form = JoinMotionForm(
        request.POST if request.POST.get("action") == "motion" else None, meetings=meetings
    )
    annex_form = Annex1Form(
        request.POST if request.POST.get("action") == "annex1" else None,
        request.FILES if request.POST.get("action") == "annex1" else None,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "inform":
            require(manager)
            run(
                request,
                None,
                lambda: services.join_request_inform_parties(
                    actor=actor, join_request=join, ctx=ctx(request)
                ),
                _("The parties have been informed (Art. 21.3)."),
            )
            return redirect("governance:join_request", pk=pk)
        if action == "consent" and consent_form.is_valid():
            d = consent_form.cleaned_data
            if run(
                request,
                consent_form,
                lambda: services.join_consent_record(
                    actor=actor,
                    join_request=join,
                    party=d["party"],
                    agreed=d["answer"] == "agreed",
                    ctx=ctx(request),
                ),
                _("The answer has been recorded."),
            ):
                if board:
                    return redirect("governance:join_request", pk=pk)
                return redirect("governance:index")
        if action == "motion" and motion_form.is_valid():
            require(manager)
            meeting = motion_form.cleaned_data["meeting"]
            if run(
                request,
                motion_form,
                lambda: services.motion_create(
                    actor=actor,
                    body=Body.STEERING_GROUP,
                    meeting=meeting,
                    title=_("Joining of %(org)s") % {"org": join.organisation},
                    kind=Motion.Kind.JOIN,
                    join_request=join,
                    ctx=ctx(request),
                ),
                _("The join request has been put to the steering group."),
            ):
                return redirect("governance:meeting_detail", pk=meeting.pk)
        if action == "annex1" and annex_form.is_valid():
            require(manager)
            d = annex_form.cleaned_data
            if run(
                request,
                annex_form,
                lambda: services.join_request_sign_annex1(
                    actor=actor,
                    join_request=join,
                    organisation_signed_on=d["organisation_signed_on"],
                    chair_signed_on=d["chair_signed_on"],
                    signed_copy=d["signed_copy"],
                    ctx=ctx(request),
                ),
                _("Annex 1 has been signed: the organisation has joined the covenant."),
            ):
                return redirect("governance:join_request", pk=pk)
    consents = [(p, answered.get(p.pk)) for p in parties] if board else []
    agreed = sum(1 for c in answered.values() if c.answer == JoinConsent.Answer.AGREED)
    return render(
        request,
        "governance/join_request.html",
        {
            "join": join,
            "state": state,
            "stage": state.stage.value,
            "manager": manager,
            "board": board,
            "consents": consents,
            "agreed": agreed,
            "total": parties.count(),
            "consent_form": consent_form
            if consent_parties.exists() and join.decision_id is None and join.parties_informed_on
            else None,
            "motion_form": motion_form
            if manager
            and state.stage is JoinStage.READY_FOR_DECISION
            and not join.motions.filter(status=Motion.Status.OPEN).exists()
            else None,
            "annex_form": annex_form if manager and state.stage is JoinStage.APPROVED else None,
            "open_motion": join.motions.filter(status=Motion.Status.OPEN).first(),
            "annex1_ready": state.stage in (JoinStage.APPROVED, JoinStage.JOINED),
        },
    )


@governance_view
def join_request_annex1(request: HttpRequest, pk: int) -> HttpResponse:
    """Bijlage 1 filled in with the organisation's details, as a PDF (Art. 21.4)."""
    actor = actor_of(request)
    join = selectors.join_request_get(actor, pk)
    if join is None or not selectors.allows(actor, GovAction.view_joining):
        raise Http404
    if selectors.join_state(join).stage not in (JoinStage.APPROVED, JoinStage.JOINED):
        raise Http404
    response = HttpResponse(annex1_pdf(join), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bijlage-1-{join.slug}.pdf"'
    return response
