from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "bonavi.agents"
    label = "agents"
    verbose_name = "職業紹介（エージェント）"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from bonavi.accounts.guards import register_status_guard
        from bonavi.accounts.landing import register_landing_check
        from bonavi.accounts.models import Role
        from bonavi.accounts.next_url import register_login_reason, register_signup_note
        from bonavi.core.interviews import REMIND_EVERY
        from bonavi.jobs.models import JobPosting
        from bonavi.notifications.worker import register_duty
        from bonavi.seekers.models import SeekerProfile

        from . import direct_apply, employer_inbox, invitations, mydata, mypage, selectors
        from .daily import EVERY_SECONDS, agents_daily
        from .interviews import referral_interview_reminders_send
        from .receivers import posting_saved, seeker_profile_saved
        from .services import account_status_problems

        # A change to a proposed job's conditions is shown and mailed to the candidate (5条の3③).
        post_save.connect(posting_saved, sender=JobPosting, dispatch_uid="agents_conditions_changed")
        # The 求職管理簿 keeps her 住所 and 生年月日 as her profile has them while she is registered (ADR 0114).
        post_save.connect(seeker_profile_saved, sender=SeekerProfile, dispatch_uid="agents_book_details")

        # 6-month follow-up reminders, 不明 after the deadline, anonymisation after two years (ADR 0065).
        register_duty("agents_daily", every=EVERY_SECONDS)(agents_daily)
        # The day-before reminder of a 推薦's interview (ADR 0102): hourly, each interview claimed once.
        register_duty("agents_interview_remind", every=REMIND_EVERY)(referral_interview_reminders_send)
        mydata.register()  # registrations in マイデータ; account deletion withdraws them (books keep the minimum)
        mypage.register()  # proposals awaiting an answer and 推薦 in progress on マイページ (/me/)
        employer_inbox.register()  # 推薦 on the employer's 「応募者」 list and counted on 求人管理 (ADR 0096)
        direct_apply.register()  # her direct 応募 to a job she accepted from an agency is refused (ADR 0148)

        # An operator switching a staff login off in the accounts admin passes the 50:1 check too (ADR 0063).
        register_status_guard("agents_staffing", account_status_problems)

        # An invited person (ADR 0104) or anyone pressing 「求職を申し込む」 signed out is told why the login is asked.
        register_login_reason(
            "agents:agency_public",
            "求職の申込みにはログインが必要です。アカウントをお持ちでない方は「新規登録」から作成できます（無料）。",
        )

        # Signing up on the way to an agency's page (its 「求職を申し込む」, or an invitation's link) names the agency.
        register_signup_note("agents:agency_public", invitations.signup_note)

        # Agency staff logging in without a ?next= land on their workbench; a login with no Staff row would only
        # meet the workbench's 403, so it lands on the top page.
        register_landing_check(Role.AGENT, lambda user: selectors.staff_of(user) is not None)
