from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "bonavi.compliance"
    label = "compliance"
    verbose_name = "求人原稿チェック"
