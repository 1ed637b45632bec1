from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "schakel.governance"
    label = "governance"
