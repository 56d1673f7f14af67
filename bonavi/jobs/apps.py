from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bonavi.jobs"
    label = "jobs"
    verbose_name = "求人"

    def ready(self) -> None:
        from bonavi.accounts.landing import register_landing

        # An employer logging in without a ?next= lands on 求人管理, where their work is.
        register_landing(_is_employer, "jobs:employer_list")


def _is_employer(user: object) -> bool:
    return bool(getattr(user, "is_employer", False))
