"""Web URLs of the governance app."""

from django.urls import path  # noqa: F401

app_name = "governance"
urlpatterns: list[object] = []
