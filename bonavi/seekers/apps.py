from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "bonavi.seekers"
    label = "seekers"
    verbose_name = "求職者"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the sign-up consent receiver)
