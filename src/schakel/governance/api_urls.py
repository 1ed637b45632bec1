"""API URLs of the governance app, mounted under /api/v1/."""

from django.urls import path

from schakel.governance.api import joining, leaving, meetings, motions, plans, register, seats

G = "governance/"

urlpatterns = [
    # Joining (Art. 21)
    path(G + "join-requests", joining.JoinRequestListView.as_view(), name="gov_join_requests"),
    path(
        G + "join-requests/<int:pk>",
        joining.JoinRequestDetailView.as_view(),
        name="gov_join_request",
    ),
    path(
        G + "join-requests/<int:pk>/consents",
        joining.JoinConsentView.as_view(),
        name="gov_join_consents",
    ),
    # Leaving (Art. 22.3, 23)
    path(G + "notices", leaving.NoticeListView.as_view(), name="gov_notices"),
    path(G + "withdrawals", leaving.WithdrawalView.as_view(), name="gov_withdrawals"),
    path(G + "exclusions", leaving.ExclusionCreateView.as_view(), name="gov_exclusions"),
    path(
        G + "exclusions/<int:pk>/notice-of-default",
        leaving.ExclusionNoticeOfDefaultView.as_view(),
        name="gov_exclusion_default",
    ),
    path(
        G + "exclusions/<int:pk>/hearing",
        leaving.ExclusionHearingView.as_view(),
        name="gov_exclusion_hearing",
    ),
    path(
        G + "exclusions/<int:pk>/decision",
        leaving.ExclusionDecisionView.as_view(),
        name="gov_exclusion_decision",
    ),
    # Meetings (Art. 4.7, 6.7)
    path(G + "meetings", meetings.MeetingListView.as_view(), name="gov_meetings"),
    path(
        G + "meetings/<int:pk>/agenda-items",
        meetings.AgendaItemView.as_view(),
        name="gov_agenda_items",
    ),
    path(
        G + "meetings/<int:pk>/attendance", meetings.AttendanceView.as_view(), name="gov_attendance"
    ),
    path(G + "meetings/<int:pk>/minutes", meetings.MinutesView.as_view(), name="gov_minutes"),
    path(
        G + "meetings/<int:pk>/minutes/distribution",
        meetings.MinutesDistributionView.as_view(),
        name="gov_minutes_distribution",
    ),
    # Motions, decisions, escalation (Art. 5, 7)
    path(G + "motions/<int:pk>", motions.MotionDetailView.as_view(), name="gov_motion"),
    path(G + "motions/<int:pk>/votes", motions.MotionVoteView.as_view(), name="gov_votes"),
    path(
        G + "motions/<int:pk>/decision", motions.MotionDecisionView.as_view(), name="gov_decision"
    ),
    path(G + "decisions", motions.DecisionListView.as_view(), name="gov_decisions"),
    path(
        G + "escalations/<int:pk>/outcome",
        motions.EscalationOutcomeView.as_view(),
        name="gov_escalation_outcome",
    ),
    # Covenant register and amendments (Art. 22, 23.1a)
    path(G + "covenants", register.CovenantListView.as_view(), name="gov_covenants"),
    path(G + "amendments", register.AmendmentListView.as_view(), name="gov_amendments"),
    path(
        G + "amendments/<int:pk>/proposal",
        register.AmendmentProposalView.as_view(),
        name="gov_amendment_proposal",
    ),
    path(
        G + "amendments/<int:pk>/adoption",
        register.AmendmentAdoptionView.as_view(),
        name="gov_amendment_adoption",
    ),
    path(
        G + "amendments/<int:pk>/signatures",
        register.AmendmentSignatureView.as_view(),
        name="gov_amendment_signatures",
    ),
    # Annual plan (Art. 4.4, 4.6)
    path(G + "annual-plans", plans.AnnualPlanListView.as_view(), name="gov_annual_plans"),
    path(
        G + "annual-plans/<int:year>/proposal",
        plans.AnnualPlanProposalView.as_view(),
        name="gov_annual_plan_proposal",
    ),
    path(
        G + "annual-plans/<int:year>/adoption",
        plans.AnnualPlanAdoptionView.as_view(),
        name="gov_annual_plan_adoption",
    ),
    path(
        G + "annual-plans/<int:year>/sending",
        plans.AnnualPlanSendView.as_view(),
        name="gov_annual_plan_sending",
    ),
    # Seats (Art. 4.3, 6.3, 6.5)
    path(G + "seats", seats.SeatListView.as_view(), name="gov_seats"),
    path(G + "seats/<int:pk>/end", seats.SeatEndView.as_view(), name="gov_seat_end"),
]
