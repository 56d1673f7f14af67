from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.seekers.services import offer_answer_reminders_send


class Command(BonaviCommand):
    help = (
        "内定の回答期限が明日（日本時間）で、まだ回答していない応募者に、前日のリマインドメールを作成します"
        "（送信は送信待ちメールとして）。bonavi run_worker が1時間ごとに実行します。ワーカーを使わない場合は"
        " cron から実行してください（何度実行しても、同時に実行しても、1件の内定に送るのは1通だけです）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"内定の回答期限のリマインド：{offer_answer_reminders_send()}件")
