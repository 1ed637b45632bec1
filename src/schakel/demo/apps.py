from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "schakel.demo"
    label = "demo"
