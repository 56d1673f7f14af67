from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "bonavi.seekers"
    label = "seekers"
    verbose_name = "求職者"

    def ready(self) -> None:
        from bonavi.notifications.retention import EVERY_SECONDS as RETENTION_EVERY_SECONDS
        from bonavi.notifications.worker import register_duty

        from . import receivers  # noqa: F401  (connects the sign-up consent and 最近見た求人 receivers)
        from .services import recent_views_expire

        # 最近見た求人 older than RECENT_VIEWS_DAYS are deleted on the outbox's retention beat (ADR 0087).
        register_duty("recent_views_retention", every=RETENTION_EVERY_SECONDS)(recent_views_expire)
