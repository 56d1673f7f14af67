from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "bonavi.matching"
    label = "matching"
    verbose_name = "マッチング"
