from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.seekers.services import interview_reminders_send


class Command(BonaviCommand):
    help = (
        "明日（日本時間）の面接について、応募者に前日のリマインドメールを作成します（送信は送信待ちメールとして）。"
        "bonavi run_worker が1時間ごとに実行します。ワーカーを使わない場合は cron から実行してください"
        "（何度実行しても、同時に実行しても、1件の面接に送るのは1通だけです）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"面接のリマインド：{interview_reminders_send()}件")
