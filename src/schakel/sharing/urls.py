"""Web URLs of the sharing app (mounted at /informatie/)."""

from django.urls import path

from schakel.sharing import views, views_emergency, views_parties

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
    path("<int:item_id>/intrekken/", views.item_withdraw, name="withdraw_item"),
    path("<int:item_id>/bijlage/", views.attachment_add, name="attach"),
    path(
        "<int:item_id>/bijlage/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "casus/<int:case_id>/partijen/uitnodigen/", views_parties.party_invite, name="party_invite"
    ),
    path(
        "casus/<int:case_id>/partijen/<int:case_party_id>/beeindigen/",
        views_parties.party_remove,
        name="party_remove",
    ),
    path("noodtoegang/", views_emergency.emergency_open, name="emergency"),
    path("noodtoegang/overzicht/", views_emergency.emergency_overview, name="emergency_overview"),
    path(
        "noodtoegang/<int:grant_id>/beoordelen/",
        views_emergency.emergency_review,
        name="emergency_review",
    ),
    path("toegangslog/", views.access_log, name="log"),
    path("toegangslog/persoon/<str:pseudonym>/", views.access_log_subject, name="log_subject"),
    path("toegangslog/gebruiker/", views.access_log_user, name="log_user"),
]
