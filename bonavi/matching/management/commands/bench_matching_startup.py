from __future__ import annotations

import resource
import time
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.matching.facts import PersonFacts
from bonavi.matching.warmup import SAMPLE_TEXT, warm_up


class Command(BonaviCommand):
    help = (
        "新しいプロセスで最初のマッチングが何に時間を使うかを段階ごとに測ります（索引の構築、辞書・モデルの読込、"
        "最初の求職者プロフィール）。毎回新しいプロセスで実行してください。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-profile",
            action="store_true",
            help="最初の求職者プロフィール（職務経歴の翻訳を含む）を測らない",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        stages = warm_up()
        if not opts["no_profile"]:
            from bonavi.matching.services import person_profile

            t = time.perf_counter()
            person_profile(PersonFacts(experience_text=SAMPLE_TEXT + "月次決算の補助も3年。"))
            stages.append(
                ("最初の求職者プロフィール（職務経歴の翻訳・careersの参照表）", time.perf_counter() - t)
            )
        total = time.perf_counter() - started
        for label, seconds in stages:
            self.stdout.write(f"{seconds * 1000:8.0f} ms  {label}")
        self.stdout.write(f"{total * 1000:8.0f} ms  合計")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        self.stdout.write(f"最大常駐メモリ（プロセス全体）：{peak:.0f} MB")
