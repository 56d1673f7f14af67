from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "bonavi.events"
    label = "events"
    verbose_name = "企業説明会"

    def ready(self) -> None:
        from bonavi.jobs.sections import register_company_section, register_detail_section
        from bonavi.notifications.retention import EVERY_SECONDS as RETENTION_EVERY_SECONDS
        from bonavi.notifications.worker import register_duty

        from . import mydata, receivers  # noqa: F401  (receivers: connects the signal handlers)
        from .services import EVERY_SECONDS, registrations_anonymise, reminders_send, waiting_close
        from .views import company_events_section, posting_events_section

        # The day-before reminder: hourly, each registration claimed once (ADR 0083).
        register_duty("events_remind", every=EVERY_SECONDS)(reminders_send)
        # Waiters whose deadline passed without a seat are told so, hourly, each once (ADR 0084).
        register_duty("events_waiting_close", every=EVERY_SECONDS)(waiting_close)
        # KEEP_YEARS after an event its registrants' names and addresses go (ADR 0083), on the retention beat.
        register_duty("events_retention", every=RETENTION_EVERY_SECONDS)(registrations_anonymise)
        # Registrations in マイデータ; 退会 anonymises them (the employer keeps a count).
        mydata.register()
        # 「この求人の企業説明会」 on a linked posting's page: jobs never imports this app.
        register_detail_section(posting_events_section)
        # 「この企業の企業説明会」 on the public company page (ADR 0089), the same way.
        register_company_section(company_events_section)
