"""/api/v1: the REST API, its OpenAPI schema and a readable page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from schakel.api import views

app_name = "api"
urlpatterns = [
    path("me", views.MeView.as_view(), name="me"),
    path("parties", views.PartyListView.as_view(), name="parties"),
    path("", include("schakel.cases.api_urls")),
    path("", include("schakel.sharing.api_urls")),
    path("", include("schakel.governance.api_urls")),
    path("", include("schakel.reports.api_urls")),
    path("", include("schakel.meetings.api_urls")),
    path("", include("schakel.rights.api_urls")),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
