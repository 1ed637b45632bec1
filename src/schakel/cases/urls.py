"""Web URLs of the cases app (mounted at /casussen/)."""

from django.urls import path

from schakel.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("mijn/", views.case_list, {"mine": True}, name="mine"),
    path("aanmelden/", views.case_refer, name="refer"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/stap/<str:action>/", views.case_step, name="step"),
    path("<int:case_id>/criteria/", views.case_criteria, name="criteria"),
    path("<int:case_id>/bevragen/", views.case_consult, name="consult"),
    path("<int:case_id>/antwoord/", views.case_answer, name="answer"),
    path("<int:case_id>/procesregisseur/", views.case_process_director, name="process_director"),
    path("<int:case_id>/casustafel/", views.case_conference, name="conference"),
    path("<int:case_id>/casusregisseur/", views.case_director, name="case_director"),
    path("<int:case_id>/informeren/", views.case_informing, name="informing"),
    path("<int:case_id>/plan/", views.case_plan, name="plan"),
    path("<int:case_id>/acties/<int:action_id>/", views.case_action, name="action"),
    path("<int:case_id>/notitie/", views.case_note, name="note"),
    path("<int:case_id>/formulier/<str:key>/", views.case_form, name="form"),
]
