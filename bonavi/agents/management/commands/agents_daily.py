from __future__ import annotations

from typing import Any

from bonavi.agents.daily import agents_daily
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = (
        "職業紹介の日次処理：7日動かない選考の確認依頼、6か月定着確認の期日通知、期限切れを「不明」に、保存期間（2年）を過ぎた求職者情報を匿名化、期限の30日後に求職者の招待を削除。"
        "bonavi run_worker が1時間ごとに実行します。ワーカーを使わない場合は cron から1日1回実行してください（何度実行しても結果は同じです）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        done = agents_daily()
        self.stdout.write(
            f"選考の停滞：{done['stalled']}件／定着確認の通知：{done['reminded']}件／定着確認を不明に：{done['unknown']}件／匿名化：{done['anonymised']}人／招待の削除：{done['invitations_deleted']}件"
        )
