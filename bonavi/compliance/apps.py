from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "bonavi.compliance"
    label = "compliance"
    verbose_name = "求人原稿チェック"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the minimum-wage table check)
