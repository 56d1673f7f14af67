from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bonavi.core"
    label = "core"
    verbose_name = "共通"
