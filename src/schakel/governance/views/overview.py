"""Bestuur: the overview, the covenant register, notices, annual plan, amendments, decisions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.domain.covenant import Body
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors, services
from schakel.governance.forms import (
    AmendmentForm,
    AnnualPlanForm,
    CovenantDocumentForm,
    ExclusionForm,
    NoticeForm,
    SignatureForm,
)
from schakel.governance.models import Departure, Meeting, Motion
from schakel.governance.services.plans import PLAN_FIELDS
from schakel.governance.views._common import actor_of, ctx, governance_view, require, run
from schakel.parties.models import Party


@governance_view
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    return render(
        request,
        "governance/index.html",
        {
            "can": {
                a.value: selectors.allows(actor, a)
                for a in GovAction
                if a not in (GovAction.view_meeting, GovAction.vote)
            },
            "meetings": selectors.meeting_list(actor)
            .filter(held_on__gte=today)
            .order_by("held_on")[:5],
            "consents_asked": selectors.consents_asked_of(actor),
            "own_departure": selectors.departure_of_party(actor),
            "may_give_notice": selectors.allows(
                actor, GovAction.record_notice, party_id=actor.party_id
            )
            and selectors.member_parties().filter(pk=actor.party_id).exists(),
        },
    )


@governance_view
def register(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    covenants = selectors.covenant_list(actor)
    if covenants is None:
        raise Http404
    may_manage = selectors.allows(actor, GovAction.manage_register)
    may_amend = selectors.allows(actor, GovAction.manage_amendments)
    current = covenants.first()
    action = request.POST.get("action", "signature")
    form = SignatureForm(
        request.POST if action == "signature" else None,
        request.FILES if action == "signature" else None,
        parties=Party.objects.exclude(kind="house"),
    )
    document_form = CovenantDocumentForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
        prefix="doc",
    )
    if request.method == "POST":
        if action == "propose":
            # Art. 22.1: the amendment goes to the next planned meeting of the steering group.
            require(may_amend)
            amendment = selectors.amendment_get(actor, int(request.POST.get("amendment") or 0))
            if amendment is None:
                raise Http404
            meeting = (
                selectors.meeting_list(actor)
                .filter(body=Body.STEERING_GROUP.value, status=Meeting.Status.PLANNED)
                .order_by("held_on")
                .first()
            )
            run(
                request,
                None,
                lambda: services.motion_create(
                    actor=actor,
                    body=Body.STEERING_GROUP,
                    meeting=meeting,
                    title=f"Wijziging convenant: {amendment.title}",
                    kind=Motion.Kind.AMENDMENT,
                    amendment=amendment,
                    ctx=ctx(request),
                ),
                _("The amendment has been put to the steering group."),
            )
            return redirect("governance:register")
        require(may_manage and current is not None)
        assert current is not None
        if action == "signature" and form.is_valid():
            d = form.cleaned_data
            if run(
                request,
                form,
                lambda: services.signature_record(
                    actor=actor,
                    covenant=current,
                    party=d["party"],
                    signed_on=d["signed_on"],
                    signed_by=d["signed_by"],
                    signed_copy=d["signed_copy"],
                    amendment=d["amendment"],
                    ctx=ctx(request),
                ),
                _("The signature has been recorded."),
            ):
                return redirect("governance:register")
        if action == "document" and document_form.is_valid():
            d = document_form.cleaned_data
            if run(
                request,
                document_form,
                lambda: services.covenant_document_add(
                    actor=actor,
                    covenant=current,
                    title=d["title"],
                    file=d["file"],
                    annex=d["annex"],
                    ctx=ctx(request),
                ),
                _("The document has been added."),
            ):
                return redirect("governance:register")
    rows = [(c, selectors.covenant_term(c)) for c in covenants]
    return render(
        request,
        "governance/register.html",
        {
            "rows": rows,
            "form": form,
            "document_form": document_form,
            "may_manage": may_manage,
            "may_amend": may_amend,
            "amendments": [
                (a, selectors.amendment_domain_status(a), a.motions.exists())
                for a in (selectors.amendment_list(actor) or [])
            ],
        },
    )


@governance_view
def notices(request: HttpRequest) -> HttpResponse:
    """Notices and other departures; a party's delegate gives notice for their own party.
    The manager also prepares an exclusion for the steering group (Art. 23.2)."""
    actor = actor_of(request)
    manager = selectors.allows(actor, GovAction.manage_exclusion)
    own = selectors.allows(actor, GovAction.record_notice, party_id=actor.party_id)
    listing = selectors.departure_list(actor)
    if listing is None and not own:
        raise Http404
    parties = selectors.member_parties()
    if not manager:
        parties = parties.filter(pk=actor.party_id)
    action = request.POST.get("action", "notice")
    form = NoticeForm(request.POST if action == "notice" else None, parties=parties)
    meetings = selectors.meeting_list(actor).filter(
        body=Body.STEERING_GROUP.value, status=Meeting.Status.PLANNED
    )
    exclusion_form = ExclusionForm(
        request.POST if action == "exclusion" else None,
        parties=parties,
        meetings=meetings,
        prefix="ex",
    )
    covenant = selectors.covenant_current()
    if request.method == "POST":
        require((manager or own) and covenant is not None)
        assert covenant is not None
        if action == "notice" and form.is_valid():
            d = form.cleaned_data
            if run(
                request,
                form,
                lambda: services.departure_record(
                    actor=actor,
                    party=d["party"],
                    covenant=covenant,
                    kind=Departure.Kind(d["kind"]),
                    given_on=d["given_on"],
                    amendment=d.get("amendment"),
                    note=d["note"],
                    ctx=ctx(request),
                ),
                _("The notice has been recorded."),
            ):
                return redirect("governance:notices")
        if action == "exclusion" and exclusion_form.is_valid():
            require(manager)
            d = exclusion_form.cleaned_data
            meeting = d["meeting"]
            if run(
                request,
                exclusion_form,
                lambda: services.exclusion_propose(
                    actor=actor,
                    party=d["party"],
                    covenant=covenant,
                    breach=d["breach"],
                    notice_of_default_on=d["notice_of_default_on"],
                    heard_on=d["heard_on"],
                    meeting=meeting,
                    ctx=ctx(request),
                ),
                _("The exclusion has been put to the steering group."),
            ):
                return redirect("governance:meeting_detail", pk=meeting.pk)
    own_departure = selectors.departure_of_party(actor)
    return render(
        request,
        "governance/notices.html",
        {
            "departures": listing
            if listing is not None
            else ([own_departure] if own_departure else []),
            "form": form if parties.exists() else None,
            "exclusion_form": exclusion_form if manager and meetings.exists() else None,
        },
    )


@governance_view
def decisions(request: HttpRequest) -> HttpResponse:
    listing = selectors.decision_list(actor_of(request))
    if listing is None:
        raise Http404
    return render(request, "governance/decisions.html", {"decisions": listing[:200]})


@governance_view
def annual_plans(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    plans = selectors.annual_plan_list(actor)
    may_manage = selectors.allows(actor, GovAction.manage_annual_plan)
    if not plans and not may_manage:
        raise Http404
    return render(
        request,
        "governance/annual_plans.html",
        {"plans": plans, "may_manage": may_manage, "this_year": timezone.localdate().year},
    )


@governance_view
def annual_plan(request: HttpRequest, year: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.annual_plan_get(actor, year)
    may_manage = selectors.allows(actor, GovAction.manage_annual_plan)
    if plan is None and not may_manage:
        raise Http404
    if not 2000 <= year <= 2200:
        raise Http404
    initial = {k: getattr(plan, k) for k in PLAN_FIELDS} if plan else {}
    form = AnnualPlanForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(may_manage)
        action = request.POST.get("action", "save")
        if action == "send" and plan is not None:
            if run(
                request,
                None,
                lambda: services.annual_plan_send(actor=actor, plan=plan, ctx=ctx(request)),
                _("The annual plan has been sent to the municipalities and the core group."),
            ):
                return redirect("governance:annual_plan", year=year)
        elif action == "propose" and plan is not None:
            meeting = (
                selectors.meeting_list(actor)
                .filter(body="steering_group", status=Meeting.Status.PLANNED)
                .order_by("held_on")
                .first()
            )
            if run(
                request,
                None,
                lambda: services.motion_create(
                    actor=actor,
                    body=Body.STEERING_GROUP,
                    meeting=meeting,
                    title=_("Adopt the annual plan %(year)s") % {"year": year},
                    kind=Motion.Kind.ANNUAL_PLAN,
                    annual_plan=plan,
                    ctx=ctx(request),
                ),
                _("The annual plan has been put to the steering group."),
            ):
                return redirect("governance:annual_plan", year=year)
        elif form.is_valid() and run(
            request,
            form,
            lambda: services.annual_plan_save(
                actor=actor, year=year, ctx=ctx(request), **form.cleaned_data
            ),
            _("The annual plan has been saved."),
        ):
            return redirect("governance:annual_plan", year=year)
    return render(
        request,
        "governance/annual_plan.html",
        {"plan": plan, "year": year, "form": form, "may_manage": may_manage},
    )


@governance_view
def amendment_new(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require(selectors.allows(actor, GovAction.manage_amendments))
    form = AmendmentForm(request.POST or None)
    covenant = selectors.covenant_current()
    if (
        request.method == "POST"
        and form.is_valid()
        and covenant is not None
        and run(
            request,
            form,
            lambda: services.amendment_create(
                actor=actor, covenant=covenant, ctx=ctx(request), **form.cleaned_data
            ),
            _("The amendment has been recorded."),
        )
    ):
        return redirect("governance:register")
    return render(request, "governance/amendment_form.html", {"form": form})
