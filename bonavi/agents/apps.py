from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "bonavi.agents"
    label = "agents"
    verbose_name = "職業紹介（エージェント）"

    def ready(self) -> None:
        from bonavi.notifications.worker import register_duty

        from . import mydata
        from .daily import EVERY_SECONDS, agents_daily

        # 6-month follow-up reminders, 不明 after the deadline, anonymisation after two years (ADR 0065).
        register_duty("agents_daily", every=EVERY_SECONDS)(agents_daily)
        mydata.register()  # registrations in マイデータ; account deletion withdraws them (books keep the minimum)
