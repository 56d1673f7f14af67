from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.matching.services import features_backfill, stale_feature_ids


class Command(BonaviCommand):
    help = (
        "公開中の求人のうち、マッチング用の特徴量が保存されていないもの・古いもの（求人の更新後、職業インデックスの"
        "更新後）を計算して保存します（新しい求人から）。ワーカーも少しずつ同じことをします（ADR 0106）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="この件数まで（省略時はすべて）")
        parser.add_argument("--dry-run", action="store_true", help="件数を数えるだけで保存しない")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["limit"] is not None and opts["limit"] < 1:
            raise CommandError("--limit には 1 以上の整数を指定してください。")
        if opts["dry_run"]:
            count = len(stale_feature_ids(limit=opts["limit"]))
            self.stdout.write(f"特徴量の計算が必要な求人：{count:,} 件")
            return
        started = time.perf_counter()
        written = features_backfill(limit=opts["limit"])
        seconds = time.perf_counter() - started
        self.stdout.write(f"求人 {written:,} 件の特徴量を保存しました（{seconds:.1f} 秒）。")
