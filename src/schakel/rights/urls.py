"""Web URLs of the requests register (mounted at /verzoeken/)."""

from django.urls import path

from schakel.rights import views

app_name = "rights"
urlpatterns = [
    path("", views.register, name="list"),
    path("zoeken/", views.find, name="find"),
    path("persoon/<int:subject_id>/", views.person, name="person"),
    path("persoon/<int:subject_id>/verzoek/", views.request_add, name="request_add"),
    path("persoon/<int:subject_id>/informeren/", views.informing, name="informing"),
    path("persoon/<int:subject_id>/inzage.json", views.export_json, name="export_json"),
    path("persoon/<int:subject_id>/inzage.pdf", views.export_pdf_view, name="export_pdf"),
    path("<int:request_id>/", views.request_detail, name="request"),
    path("<int:request_id>/notitie/", views.note, name="note"),
    path("<int:request_id>/verlengen/", views.extend, name="extend"),
    path("<int:request_id>/besluit/", views.decide, name="decide"),
    path("<int:request_id>/doorzetten/", views.route, name="route"),
    path("<int:request_id>/bewaren/", views.hold, name="hold"),
    path("correcties/", views.tasks, name="tasks"),
    path("correcties/<int:rectification_id>/", views.task, name="task"),
]
