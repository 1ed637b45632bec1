"""The URL map: the web app, the accounts, and the API under /api/v1."""

from django.urls import include, path

urlpatterns = [
    path("accounts/", include("schakel.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("schakel.api.urls")),
    path("casussen/", include("schakel.cases.urls")),
    path("informatie/", include("schakel.sharing.urls")),
    path("bestuur/", include("schakel.governance.urls")),
    path("rapportage/", include("schakel.reports.urls")),
    path("privacy/bewaartermijnen/", include("schakel.retention.urls")),
    path("overleggen/", include("schakel.meetings.urls")),
    path("verzoeken/", include("schakel.rights.urls")),
    path("", include("schakel.web.urls")),
]

handler400 = "schakel.web.views.errors.bad_request"
handler403 = "schakel.web.views.errors.permission_denied"
handler404 = "schakel.web.views.errors.page_not_found"
handler500 = "schakel.web.views.errors.server_error"
