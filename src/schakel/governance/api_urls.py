"""API URLs of the governance app, mounted under /api/v1/."""

from django.urls import path

from schakel.governance import api_views as v

urlpatterns = [
    path("governance/join-requests", v.JoinRequestListView.as_view(), name="gov_join_requests"),
    path(
        "governance/join-requests/<int:pk>",
        v.JoinRequestDetailView.as_view(),
        name="gov_join_request",
    ),
    path(
        "governance/join-requests/<int:pk>/consents",
        v.JoinConsentView.as_view(),
        name="gov_join_consents",
    ),
    path("governance/notices", v.NoticeListView.as_view(), name="gov_notices"),
    path("governance/meetings", v.MeetingListView.as_view(), name="gov_meetings"),
    path("governance/motions/<int:pk>", v.MotionDetailView.as_view(), name="gov_motion"),
    path("governance/motions/<int:pk>/votes", v.MotionVoteView.as_view(), name="gov_votes"),
    path(
        "governance/motions/<int:pk>/decision",
        v.MotionDecisionView.as_view(),
        name="gov_decision",
    ),
    path("governance/decisions", v.DecisionListView.as_view(), name="gov_decisions"),
    path("governance/covenants", v.CovenantListView.as_view(), name="gov_covenants"),
    path("governance/annual-plans", v.AnnualPlanListView.as_view(), name="gov_annual_plans"),
]
