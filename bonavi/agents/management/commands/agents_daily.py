from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bonavi.agents.books import books_anonymise
from bonavi.agents.services import follow_ups_expire


class Command(BaseCommand):
    help = (
        "職業紹介の日次処理：6か月定着確認の期限切れを「不明」に、保存期間（2年）を過ぎた求職者情報を匿名化。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        unknown = follow_ups_expire()
        anonymised = books_anonymise()
        self.stdout.write(f"定着確認を不明に：{unknown}件／匿名化：{anonymised}人")
