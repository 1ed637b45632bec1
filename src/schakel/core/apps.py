from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "schakel.core"
    label = "core"

    def ready(self) -> None:
        from schakel.core.choices import fast_choice_labels

        fast_choice_labels()
