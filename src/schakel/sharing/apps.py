from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "schakel.sharing"
    label = "sharing"

    def ready(self) -> None:
        # Connects the handler that deletes an attachment's file with its row.
        from schakel.sharing import attachments  # noqa: F401
