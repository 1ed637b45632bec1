"""Web URLs of the retention app (mounted at /privacy/bewaartermijnen/)."""

from django.urls import path

from schakel.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("verwijderd/", views.receipt_list, name="receipts"),
    path("verwijderd.csv", views.receipt_csv, name="receipts_csv"),
    path("schema/", views.schedule, name="schedule"),
    path("schema/<slug:code>/", views.rule_edit, name="rule_edit"),
    path("blokkade/nieuw/", views.hold_place, name="hold_place"),
    path("blokkade/<int:hold_id>/opheffen/", views.hold_lift, name="hold_lift"),
]
