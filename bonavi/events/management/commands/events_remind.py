from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.events.services import reminders_send, waiting_close


class Command(BonaviCommand):
    help = (
        "明日開催の企業説明会の申込者にリマインドメールを作成します（送信は送信待ちメールとして）。"
        "bonavi run_worker が1時間ごとに実行します。ワーカーを使わない場合は cron から実行してください"
        "（何度実行しても、同時に実行しても、1件の申込に送るのは1通だけです）。"
        "申込締切を過ぎてもキャンセル待ちのままの方への「繰り上げなし」のお知らせも、同じく1人1通作成します。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"リマインド：{reminders_send()}件")
        # Cron users run this hourly already: the waiting list's end rides along instead of a second cron line.
        self.stdout.write(f"キャンセル待ちの締切のお知らせ：{waiting_close()}件")
