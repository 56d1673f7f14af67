from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.outbox import outbox_drain


class Command(BonaviCommand):
    help = "新着求人メールを1回分作成し、送信待ちのメールをすべて送信します（cron などから定期実行する場合に使います）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-send", action="store_true", help="メールの作成だけを行い、送信はしない")

    def handle(self, *args: Any, **opts: Any) -> None:
        report = digests_prepare()
        if report.skipped:
            self.stdout.write("別のワーカーが新着求人メールを作成中のため、作成は行いませんでした。")
        else:
            self.stdout.write(
                f"配信対象の検索条件 {report.due_searches:,}件・対象期間の新着求人 {report.postings:,}件 → "
                f"メール {report.messages:,}通を作成（{report.timings.get('total', 0.0):.2f}秒）"
            )
        if opts["no_send"]:
            return
        sent = outbox_drain()
        line = f"送信 {sent.sent:,}通"
        if sent.retried or sent.failed or sent.cancelled:
            line += f"・再送予定 {sent.retried:,}通・送信失敗 {sent.failed:,}通・取消 {sent.cancelled:,}通"
        if sent.smtp_down:
            line += "（メールサーバーに接続できないため残りは後で再送します）"
        self.stdout.write(line)
