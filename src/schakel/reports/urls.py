"""/rapportage/: the dashboard, the report to the steering group, its exports, the finances."""

from django.urls import path

from schakel.reports import finance_views, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("verslag/", views.report, name="report"),
    path("verslag/notitie/", views.report_note, name="report_note"),
    path("verslag/rapportage.pdf", views.report_pdf, name="report_pdf"),
    path("verslag/rapportage.xlsx", views.report_xlsx, name="report_xlsx"),
    path("verslag/tabel/<slug:table>.<slug:fmt>", views.table_export, name="table_export"),
    path("financien/", finance_views.finances, name="finances"),
]
