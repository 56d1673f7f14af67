from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "bonavi.support"
    label = "support"
    verbose_name = "苦情・お問い合わせ"

    def ready(self) -> None:
        from bonavi.notifications.retention import EVERY_SECONDS as RETENTION_EVERY_SECONDS
        from bonavi.notifications.worker import register_duty

        from .services import complaints_anonymise

        # After KEEP_YEARS a complaint keeps no reply address, name or text (ADR 0080), on the outbox's
        # retention beat.
        register_duty("support_retention", every=RETENTION_EVERY_SECONDS)(complaints_anonymise)
