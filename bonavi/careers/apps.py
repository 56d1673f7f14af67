from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "bonavi.careers"
    label = "careers"
    verbose_name = "キャリア"
