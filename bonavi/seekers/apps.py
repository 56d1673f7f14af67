from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "bonavi.seekers"
    label = "seekers"
    verbose_name = "求職者"

    def ready(self) -> None:
        from bonavi.accounts.next_url import register_login_reason, register_signup_note
        from bonavi.core.interviews import REMIND_EVERY
        from bonavi.notifications.retention import EVERY_SECONDS as RETENTION_EVERY_SECONDS
        from bonavi.notifications.worker import register_duty

        from . import inbox, login_intent, receivers  # noqa: F401  (receivers: the sign-up consent and 最近見た求人 receivers)
        from .services import interview_reminders_send, offer_answer_reminders_send, recent_views_expire

        # 最近見た求人 older than RECENT_VIEWS_DAYS are deleted on the outbox's retention beat (ADR 0087).
        register_duty("recent_views_retention", every=RETENTION_EVERY_SECONDS)(recent_views_expire)
        # The day-before reminder of an interview (ADR 0102): hourly, each interview claimed once.
        register_duty("seekers_interview_remind", every=REMIND_EVERY)(interview_reminders_send)
        # The day-before reminder of a 内定's 回答期限 (ADR 0129): on the same beat, each application claimed once.
        register_duty("seekers_offer_answer_remind", every=REMIND_EVERY)(offer_answer_reminders_send)
        # The 「新しい応募」 mail's link, opened where the 採用担当 is not logged in (the phone's mail app): said why.
        register_login_reason(
            "applicants:detail", "応募者の情報を見るには、採用担当のアカウントでログインしてください。"
        )
        # The ☆ of a logged-out visitor leads to the login page with the favourite as next=: the page says why.
        register_login_reason("seekers:favorite_toggle", "お気に入りに追加するにはログインしてください。")
        # …and its 「新規登録」 says which posting the confirmation will add (ADR 0136).
        register_signup_note("seekers:favorite_toggle", login_intent.signup_note)
        # 直接応募 and うち応募済のまま beside each posting on 求人管理 (jobs.applicant_counts).
        inbox.register()
