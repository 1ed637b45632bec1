from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "schakel.reports"
    label = "reports"
