from __future__ import annotations

from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.seekers.demo import application_walkthrough_ensure


class Command(BonaviCommand):
    help = (
        "デモの求職者がデモの会社の公開求人に応募し、採用担当とメッセージをやりとりした例を作ります"
        "（bonavi demo から呼ばれます。応募が既にあれば何もしません）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(application_walkthrough_ensure())
