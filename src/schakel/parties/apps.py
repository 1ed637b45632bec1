from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "schakel.parties"
    label = "parties"
