from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "schakel.api"
    label = "api"

    def ready(self) -> None:
        from schakel.api import schema  # noqa: F401  (registers the OpenAPI auth extensions)
