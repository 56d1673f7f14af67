from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.jobs.seeding import postings_seed


class Command(BonaviCommand):
    help = "現実的で法令に沿った求人データを生成して登録します（デモ・ベンチマーク用）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="作成する求人の件数")
        parser.add_argument("--seed", type=int, default=1, help="乱数の種（同じ値なら同じデータ）")
        parser.add_argument("--private-ratio", type=float, default=0.05, help="非公開求人の割合（0〜1）")
        parser.add_argument("--companies", type=int, default=0, help="採用企業の数（0なら件数から自動）")

    def handle(self, *args: Any, **opts: Any) -> None:
        count = opts["count"]
        if count < 1 or count > 5_000_000:
            self.stderr.write("件数は1〜5,000,000の範囲で指定してください。")
            sys.exit(2)
        if not 0 <= opts["private_ratio"] <= 1:
            self.stderr.write("--private-ratio は0〜1の範囲で指定してください。")
            sys.exit(2)
        started = time.perf_counter()

        def progress(done: int) -> None:
            if self.stdout.isatty() or done == count or done % 20_000 == 0:
                rate = done / max(time.perf_counter() - started, 1e-9)
                self.stdout.write(f"\r{done:,}/{count:,} 件（{rate:,.0f} 件/秒）", ending="")
                self.stdout.flush()

        postings_seed(
            count=count,
            seed=opts["seed"],
            private_ratio=opts["private_ratio"],
            companies=opts["companies"],
            progress=progress,
        )
        self.stdout.write(f"\n{count:,} 件の求人を作成しました（{time.perf_counter() - started:.1f} 秒）。")
