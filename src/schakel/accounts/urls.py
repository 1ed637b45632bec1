"""Our own account pages next to allauth's: the lock-out page is served by axes."""

from django.urls import path

from schakel.accounts import views

app_name = "accounts"
urlpatterns = [
    path("session/", views.session_status, name="session_status"),
    path("geen-deelname/", views.party_not_member, name="party_not_member"),
]
