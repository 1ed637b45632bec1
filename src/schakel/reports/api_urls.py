"""API URLs of the reports app, mounted under /api/v1/."""

from django.urls import path

from schakel.reports import api_views

urlpatterns = [
    path("indicators", api_views.IndicatorsView.as_view(), name="indicators"),
]
