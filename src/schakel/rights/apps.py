from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "schakel.rights"
    label = "rights"
