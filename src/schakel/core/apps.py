from typing import Any

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "schakel.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from schakel.core.choices import fast_choice_labels

        fast_choice_labels()
        connection_created.connect(_on_new_connection, dispatch_uid="schakel-prepare-on")


def _on_new_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    from schakel.core.sql import prepare_on

    prepare_on(connection)
