from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.events.services import KEEP_YEARS, registrations_anonymise


class Command(BonaviCommand):
    help = (
        f"開催から{KEEP_YEARS}年を過ぎた企業説明会の申込から、氏名とメールアドレスを消去します"
        "（申込の件数と状況は残ります）。bonavi run_worker が1時間ごとに実行します。"
        "ワーカーを使わない場合は cron から1日1回実行してください（何度実行しても結果は同じです）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        done = registrations_anonymise()
        self.stdout.write(
            f"保存期間（開催から{KEEP_YEARS}年）を過ぎた説明会の申込 {done}件を匿名化しました。"
        )
