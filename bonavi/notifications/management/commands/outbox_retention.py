from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.accounts.services import (
    PENDING_SIGNUP_KEEP_DAYS,
    TEAM_INVITATION_KEEP_DAYS,
    pending_signups_purge,
    team_invitations_purge,
)
from bonavi.core.commands import BonaviCommand
from bonavi.jobs.bulk_import import import_uploads_purge
from bonavi.notifications.retention import outbox_retention, retention_days


class Command(BonaviCommand):
    help = (
        "送信済み・送信失敗・取消のメールのうち保存期間（OUTBOX_RETENTION_DAYS、既定30日）を過ぎたものから、"
        "宛先・件名・本文・エラー内容を消去します（送信待ちのメールには触れません）。"
        f"あわせて、{PENDING_SIGNUP_KEEP_DAYS}日を過ぎた仮登録（メール確認待ちの登録）と採用担当の招待、"
        "期限の切れた求人一括登録のアップロードを削除します。"
        "bonavi run_worker が1時間ごとに実行します。ワーカーを使わない場合は cron から1日1回実行してください"
        "（何度実行しても結果は同じです）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="保存期間（日）。省略時は設定値")

    def handle(self, *args: Any, **opts: Any) -> None:
        days = opts["days"] if opts["days"] is not None else retention_days()
        try:
            done = outbox_retention(days=days)
        except ValueError as exc:  # a retention period under one day
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"保存期間 {days}日を過ぎたメール {done.messages}件と新着求人メールの検索条件 {done.sections}件から個人情報を消去しました。"
        )
        purged = pending_signups_purge()
        self.stdout.write(f"{PENDING_SIGNUP_KEEP_DAYS}日を過ぎた仮登録 {purged}件を削除しました。")
        # The worker runs both purges hourly; sites without it run this command from cron and need both too.
        purged = team_invitations_purge()
        self.stdout.write(f"{TEAM_INVITATION_KEEP_DAYS}日を過ぎた採用担当の招待 {purged}件を削除しました。")
        purged = import_uploads_purge()
        self.stdout.write(f"期限の切れた求人一括登録のアップロード {purged}件を削除しました。")
