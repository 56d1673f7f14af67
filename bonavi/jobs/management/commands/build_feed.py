from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.jobs import feed_files


class Command(BonaviCommand):
    help = (
        "XML求人フィード（/feeds/jobs.xml）のファイルを作り直します（ADR 0081）。前回の作成後に求人が変わっていなければ"
        "何もしません（--force で常に作成）。bonavi run_worker が10分ごとに行います。ワーカーを使わない場合は cron から"
        "実行してください。別のプロセスが作成中のとき、または書き込み中の処理が30秒以内に終わらないときは何もせずに終わります"
        "（次の回に作成します）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="変更がなくても作り直す")

    def handle(self, *args: Any, **opts: Any) -> None:
        result = feed_files.feed_refresh(force=opts["force"])
        if result is None:
            self.stdout.write(
                "作成しませんでした（前回の作成後に変更がないか、別のプロセスが作成中か、"
                f"{feed_files.WRITES_WAIT:.0f}秒以上続いている書き込みがあります）。"
            )
            return
        self.stdout.write(
            f"求人フィードを作成しました：求人 {result.postings:,}件・{result.bytes / 1e6:,.1f} MB・"
            f"{result.seconds:.1f}秒（{feed_files.feed_dir()}）"
        )
