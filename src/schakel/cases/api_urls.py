"""API URLs of the cases app, mounted under /api/v1/ (no trailing slashes, ADR)."""

from django.urls import path

from schakel.cases.api import views

urlpatterns = [
    path("cases", views.CaseListView.as_view(), name="cases"),
    path("cases/referrals", views.CaseReferView.as_view(), name="case_refer"),
    path("cases/<int:case_id>", views.CaseDetailView.as_view(), name="case"),
    path(
        "cases/<int:case_id>/transitions",
        views.CaseTransitionView.as_view(),
        name="case_transition",
    ),
    path(
        "cases/<int:case_id>/triage/criteria",
        views.CaseCriteriaView.as_view(),
        name="case_criteria",
    ),
    path(
        "cases/<int:case_id>/consultations",
        views.CaseConsultationRequestView.as_view(),
        name="case_consultations",
    ),
    path(
        "cases/<int:case_id>/consultations/answer",
        views.CaseConsultationAnswerView.as_view(),
        name="case_consultation_answer",
    ),
    path(
        "cases/<int:case_id>/process-director",
        views.CaseProcessDirectorView.as_view(),
        name="case_process_director",
    ),
    path(
        "cases/<int:case_id>/conference",
        views.CaseConferenceView.as_view(),
        name="case_conference",
    ),
    path(
        "cases/<int:case_id>/case-director",
        views.CaseDirectorView.as_view(),
        name="case_director",
    ),
    path("cases/<int:case_id>/informing", views.CaseInformingView.as_view(), name="case_informing"),
    path("cases/<int:case_id>/plans", views.CasePlanView.as_view(), name="case_plans"),
    path(
        "cases/<int:case_id>/actions/<int:action_id>",
        views.CaseActionUpdateView.as_view(),
        name="case_action",
    ),
    path("cases/<int:case_id>/notes", views.CaseNoteView.as_view(), name="case_notes"),
]
