"""Web URLs of the cases app (mounted at /casussen/)."""

from django.urls import path

from schakel.cases.views import lists, operations, page, referral

app_name = "cases"
urlpatterns = [
    path("", lists.case_list, name="list"),
    path("mijn/", lists.case_list, {"mine": True}, name="mine"),
    path("aanmelden/", referral.case_refer, name="refer"),
    path("<int:case_id>/", page.case_detail, name="detail"),
    path("<int:case_id>/stap/<str:action>/", operations.case_step, name="step"),
    path("<int:case_id>/criteria/", operations.case_criteria, name="criteria"),
    path("<int:case_id>/bevragen/", operations.case_consult, name="consult"),
    path("<int:case_id>/antwoord/", operations.case_answer, name="answer"),
    path(
        "<int:case_id>/procesregisseur/", operations.case_process_director, name="process_director"
    ),
    path("<int:case_id>/casustafel/", operations.case_conference, name="conference"),
    path("<int:case_id>/casusregisseur/", operations.case_director, name="case_director"),
    path("<int:case_id>/informeren/", operations.case_informing, name="informing"),
    path("<int:case_id>/plan/", operations.case_plan, name="plan"),
    path("<int:case_id>/acties/<int:action_id>/", operations.case_action, name="action"),
    path("<int:case_id>/notitie/", operations.case_note, name="note"),
    path("<int:case_id>/formulier/<str:key>/", page.case_form, name="form"),
]
