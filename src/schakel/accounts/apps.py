from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "schakel.accounts"
    label = "accounts"

    def ready(self) -> None:
        from schakel.accounts import signals  # noqa: F401  (connects the receivers)
