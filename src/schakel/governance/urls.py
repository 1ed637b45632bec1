"""Web URLs of the governance app ("Bestuur"), mounted at /bestuur/."""

from django.urls import path

from schakel.governance.views import joining, meetings, overview, seats

app_name = "governance"
urlpatterns = [
    path("", overview.index, name="index"),
    path("convenant/", overview.register, name="register"),
    path("convenant/wijziging/", overview.amendment_new, name="amendment_new"),
    path("toetreding/", joining.join_requests, name="join_requests"),
    path("toetreding/<int:pk>/", joining.join_request, name="join_request"),
    path("toetreding/<int:pk>/bijlage-1.pdf", joining.join_request_annex1, name="annex1"),
    path("opzegging/", overview.notices, name="notices"),
    path("vergaderingen/", meetings.meetings, name="meetings"),
    path("vergaderingen/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "vergaderingen/<int:pk>/stukken/<int:doc>/",
        meetings.meeting_document,
        name="meeting_document",
    ),
    path("voorstellen/<int:pk>/", meetings.motion_detail, name="motion_detail"),
    path("besluiten/", overview.decisions, name="decisions"),
    path("zetels/", seats.seats, name="seats"),
    path("zetels/<int:pk>/einde/", seats.seat_end, name="seat_end"),
    path("jaarplan/", overview.annual_plans, name="annual_plans"),
    path("jaarplan/<int:year>/", overview.annual_plan, name="annual_plan"),
]
