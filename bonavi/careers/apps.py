from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "bonavi.careers"
    label = "careers"
    verbose_name = "キャリア"

    def ready(self) -> None:
        from . import mydata

        mydata.register()  # saved results appear in the seeker's マイデータ export
