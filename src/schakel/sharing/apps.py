from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "schakel.sharing"
    label = "sharing"
