"""Meetings of the Stuurgroep and the Kerngroepoverleg, motions and votes (Art. 4-7)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.domain.covenant import Body, Vote
from schakel.domain.governance_policy import GovAction
from schakel.governance import selectors, services
from schakel.governance.forms import (
    AgendaItemForm,
    AttendanceForm,
    DocumentForm,
    DvoOutcomeForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    RecordVotesForm,
    VoteForm,
    WrittenInputForm,
)
from schakel.governance.models import Escalation, Meeting, MeetingDocument, Motion
from schakel.governance.views._common import actor_of, ctx, governance_view, require, run


@governance_view
def meetings(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    may_manage = selectors.allows(actor, GovAction.manage_meeting)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        require(may_manage)
        if form.is_valid():
            d = form.cleaned_data
            holder: dict[str, Meeting] = {}

            def call() -> None:
                holder["m"] = services.meeting_create(
                    actor=actor,
                    body=Body(d["body"]),
                    held_on=d["held_on"],
                    location=d["location"],
                    ctx=ctx(request),
                )

            if run(request, form, call, _("The meeting has been planned.")):
                return redirect("governance:meeting_detail", pk=holder["m"].pk)
    listing = selectors.meeting_list(actor)
    if not listing.exists() and not may_manage and not selectors.member_bodies(actor):
        raise Http404
    return render(
        request,
        "governance/meetings.html",
        {
            "meetings": listing[:100],
            "form": form,
            "may_manage": may_manage,
            # Art. 4.2, 6.2, 6.3, 6.5: shown to the secretary, who organises the meetings.
            "problems": selectors.body_problems(timezone.localdate().year) if may_manage else [],
        },
    )


@governance_view
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_get(actor, pk)
    if meeting is None:  # Art. 5.9, 7.6: not public; a non-member is told it does not exist
        raise Http404
    may_manage = selectors.allows(actor, GovAction.manage_meeting)
    action = request.POST.get("action")
    attendance = list(meeting.attendance.select_related("member__user", "member__party"))
    members = [a.member for a in attendance]
    forms = {
        "agenda": AgendaItemForm(request.POST if action == "agenda" else None, prefix="agenda"),
        "document": DocumentForm(
            request.POST if action == "document" else None,
            request.FILES if action == "document" else None,
            prefix="doc",
        ),
        "attendance": AttendanceForm(
            request.POST if action == "attendance" else None,
            members=members,
            initial={"absent": [str(a.member_id) for a in attendance if not a.present]},
            prefix="att",
        ),
        "motion": MotionForm(
            request.POST if action == "motion" else None,
            parties=selectors.member_parties(),
            prefix="motion",
        ),
        "minutes": MinutesForm(
            request.POST if action == "minutes" else None,
            initial={"text": getattr(getattr(meeting, "minutes", None), "text", "")},
            prefix="minutes",
        ),
    }
    if request.method == "POST":
        require(may_manage)
        form = forms.get(action or "")
        done = False
        if action == "schedule":
            # Art. 7.3: an escalated matter is put on a meeting of the steering group.
            motion = (
                selectors.motion_list(actor)
                .filter(pk=int(request.POST.get("motion") or 0), meeting__isnull=True)
                .first()
            )
            if motion is None:
                raise Http404
            done = run(
                request,
                None,
                lambda: services.motion_schedule(
                    actor=actor, motion=motion, meeting=meeting, ctx=ctx(request)
                ),
                _("The proposal has been put on the agenda."),
            )
        elif action == "distribute":
            done = run(
                request,
                None,
                lambda: services.minutes_distribute(actor=actor, meeting=meeting, ctx=ctx(request)),
                _("The minutes have been sent to the members."),
            )
        elif form is not None and form.is_valid():
            d = form.cleaned_data
            calls = {
                "agenda": (
                    lambda: services.agenda_item_add(
                        actor=actor,
                        meeting=meeting,
                        title=d["title"],
                        description=d["description"],
                        ctx=ctx(request),
                    ),
                    _("The agenda item has been added."),
                ),
                "document": (
                    lambda: services.meeting_document_add(
                        actor=actor,
                        meeting=meeting,
                        title=d["title"],
                        file=d["file"],
                        ctx=ctx(request),
                    ),
                    _("The document has been added."),
                ),
                "attendance": (
                    lambda: services.attendance_set(
                        actor=actor,
                        meeting=meeting,
                        absent_member_ids=[int(x) for x in d["absent"]],
                        ctx=ctx(request),
                    ),
                    _("Attendance has been recorded; absent members are asked for written input."),
                ),
                "motion": (
                    lambda: services.motion_create(
                        actor=actor,
                        body=Body(meeting.body),
                        meeting=meeting,
                        title=d["title"],
                        text=d["text"],
                        affects=d["affects"],
                        raises_contribution=d["raises_contribution"],
                        changes_services=d["changes_services"],
                        ctx=ctx(request),
                    ),
                    _("The proposal has been put on the agenda."),
                ),
                "minutes": (
                    lambda: services.minutes_save(
                        actor=actor, meeting=meeting, text=d["text"], ctx=ctx(request)
                    ),
                    _("The minutes have been saved."),
                ),
            }
            call, message = calls[action or ""]
            done = run(request, form, call, message)
        if done:
            return redirect("governance:meeting_detail", pk=pk)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "body_label": Body(meeting.body).label,
            "attendance": attendance,
            "motions": meeting.motions.all().order_by("id"),
            "unscheduled": selectors.motion_list(actor).filter(
                body=meeting.body, meeting__isnull=True, status=Motion.Status.OPEN
            )
            if may_manage
            else [],
            "documents": meeting.documents.all(),
            "minutes": getattr(meeting, "minutes", None),
            "may_manage": may_manage,
            "forms": forms,
        },
    )


@governance_view
def meeting_document(request: HttpRequest, pk: int, doc: int) -> HttpResponseBase:
    meeting = selectors.meeting_get(actor_of(request), pk)
    document = MeetingDocument.objects.filter(meeting=meeting, pk=doc).first() if meeting else None
    if document is None:
        raise Http404
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )


@governance_view
def motion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    motion = selectors.motion_get(actor, pk)
    if motion is None:
        raise Http404
    body = Body(motion.body)
    may_manage = selectors.allows(actor, GovAction.manage_meeting)
    seat = selectors.seat_of(actor, body)
    attendance = (
        list(motion.meeting.attendance.select_related("member__user")) if motion.meeting else []
    )
    present = [a.member for a in attendance if a.present]
    my_presence = next((a.present for a in attendance if seat and a.member_id == seat.pk), None)
    action = request.POST.get("action")
    vote_form = VoteForm(request.POST if action == "vote" else None)
    record_form = RecordVotesForm(
        request.POST if action == "record" else None,
        members=present,
        initial={f"m{v.member_id}": v.vote for v in motion.votes.all()},
    )
    input_form = WrittenInputForm(request.POST if action == "input" else None)
    dvo_forms = _dvo_forms(request, motion) if may_manage else []
    if request.method == "POST":
        done = False
        if action == "dvo":
            require(may_manage)
            done = any(_dvo_record(request, e, form) for e, form in dvo_forms if form.is_bound)
        elif action == "vote" and vote_form.is_valid():
            done = run(
                request,
                vote_form,
                lambda: services.vote_cast(
                    actor=actor,
                    motion=motion,
                    vote=Vote(vote_form.cleaned_data["vote"]),
                    ctx=ctx(request),
                ),
                _("Your vote has been recorded."),
            )
        elif action == "record" and record_form.is_valid():
            require(may_manage)

            def record() -> None:
                for member in present:
                    value = record_form.cleaned_data.get(f"m{member.pk}")
                    if value:
                        services.vote_cast(
                            actor=actor,
                            motion=motion,
                            vote=Vote(value),
                            member=member,
                            ctx=ctx(request),
                        )

            done = run(request, record_form, record, _("The votes have been recorded."))
        elif action == "input" and input_form.is_valid():
            done = run(
                request,
                input_form,
                lambda: services.written_input_record(
                    actor=actor,
                    motion=motion,
                    text=input_form.cleaned_data["text"],
                    ctx=ctx(request),
                ),
                _("Your written input has been recorded."),
            )
        elif action == "decide":
            require(may_manage)
            done = run(
                request,
                None,
                lambda: services.motion_decide(actor=actor, motion=motion, ctx=ctx(request)),
                _("The decision has been recorded."),
            )
        if done:
            return redirect("governance:motion_detail", pk=pk)
    preview = services.motion_preview(motion) if motion.status == Motion.Status.OPEN else None
    return render(
        request,
        "governance/motion_detail.html",
        {
            "motion": motion,
            "body_label": body.label,
            "may_manage": may_manage,
            "votes": motion.votes.select_related("member__user").order_by("member_id"),
            "written": motion.written_input.select_related("member__user"),
            "escalations": motion.escalations.select_related("follow_up"),
            "preview": preview,
            "reasons": motion.reasons.splitlines(),
            "is_open": motion.status == Motion.Status.OPEN,
            "vote_form": vote_form if seat and my_presence else None,
            "input_form": input_form if seat and my_presence is False else None,
            "record_form": record_form if may_manage and present else None,
            "dvo_forms": dvo_forms,
        },
    )


def _dvo_forms(request: HttpRequest, motion: Motion) -> list[tuple[Escalation, DvoOutcomeForm]]:
    """Art. 5.6, 5.7: a form per matter before the DVO whose outcome is not recorded yet."""
    posted = request.POST.get("escalation") if request.POST.get("action") == "dvo" else None
    pending = motion.escalations.filter(
        to_body=Body.DISTRICT_SAFETY_COUNCIL.value, outcome_on__isnull=True
    )
    return [
        (
            e,
            DvoOutcomeForm(
                request.POST if posted == str(e.pk) else None,
                initial={"escalation": e.pk},
            ),
        )
        for e in pending
    ]


def _dvo_record(request: HttpRequest, escalation: Escalation, form: DvoOutcomeForm) -> bool:
    if not form.is_valid():
        return False
    d = form.cleaned_data
    return run(
        request,
        form,
        lambda: services.escalation_outcome_record(
            actor=actor_of(request),
            escalation=escalation,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            ctx=ctx(request),
        ),
        _("The outcome of the District Safety Council has been recorded."),
        field_for=lambda reason: "decided_on" if "vóór" in reason else "outcome",
    )
