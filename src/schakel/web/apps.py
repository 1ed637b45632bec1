from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "schakel.web"
    label = "web"
