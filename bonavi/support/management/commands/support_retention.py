from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.support.services import KEEP_YEARS, complaints_anonymise


class Command(BonaviCommand):
    help = (
        f"受付から{KEEP_YEARS}年を過ぎた苦情・お問い合わせから、返信先・お名前・内容・対応内容を消去します"
        "（受付番号・種類・対象の求人・日付は残ります）。bonavi run_worker が1時間ごとに実行します。"
        "ワーカーを使わない場合は cron から1日1回実行してください（何度実行しても結果は同じです）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        done = complaints_anonymise()
        self.stdout.write(f"保存期間（{KEEP_YEARS}年）を過ぎた苦情・お問い合わせ {done}件を匿名化しました。")
