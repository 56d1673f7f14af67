from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "bonavi.notifications"
    label = "notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        # Registers the sender-identity deploy check, and makes queued mail follow a changed address.
        from . import checks, receivers  # noqa: F401
