from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bonavi.jobs"
    label = "jobs"
    verbose_name = "求人"
