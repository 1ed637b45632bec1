from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "schakel.retention"
    label = "retention"

    def ready(self) -> None:
        from schakel.retention.lookups import register

        register()
