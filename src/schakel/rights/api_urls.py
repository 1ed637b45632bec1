"""API URLs of the requests register, mounted under /api/v1/ (no trailing slashes, ADR)."""

from django.urls import path

from schakel.rights import api_views as views

urlpatterns = [
    path("subject-requests", views.RequestListView.as_view(), name="rights_requests"),
    path("subject-requests/<int:request_id>", views.RequestView.as_view(), name="rights_request"),
    path(
        "subjects/<int:subject_id>/access-export",
        views.AccessExportView.as_view(),
        name="rights_export",
    ),
]
