"""Web URLs of the sharing app (mounted at /informatie/)."""

from django.urls import path

from schakel.sharing import views

app_name = "sharing"
urlpatterns = [
    path("casus/<int:case_id>/nieuw/", views.item_add, name="add"),
    path("<int:item_id>/", views.item_detail, name="item"),
    path("<int:item_id>/voorstel/", views.release_propose, name="propose"),
    path("<int:item_id>/delen/<int:release_id>/besluit/", views.release_decide, name="decide"),
    path(
        "<int:item_id>/delen/<int:release_id>/intrekken/",
        views.release_withdraw,
        name="withdraw",
    ),
    path("<int:item_id>/toestemming/", views.consent_record, name="consent"),
    path("toegangslog/", views.access_log, name="log"),
    path("toegangslog/persoon/<str:pseudonym>/", views.access_log_subject, name="log_subject"),
    path("toegangslog/gebruiker/", views.access_log_user, name="log_user"),
]
