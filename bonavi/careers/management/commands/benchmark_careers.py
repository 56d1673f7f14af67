from __future__ import annotations

import random
import statistics
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bonavi.careers.assessment import assess
from bonavi.careers.evaluation import read_cases
from bonavi.careers.items import ITEMS
from bonavi.careers.reference import get_reference
from bonavi.careers.translator import translate
from bonavi.core.commands import BonaviCommand


def _summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return (
        f"n={len(times)} 中央値 {statistics.median(times):.2f} ms / p95 {p95:.2f} ms / "
        f"最大 {times[-1]:.2f} ms"
    )


class Command(BonaviCommand):
    help = "適職診断と経験の翻訳の処理時間を測ります（1プロセス・温まった状態と初回）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="*", help="経験の文章のJSON Lines（省略時は ../shared の dev.jsonl）"
        )
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("--sheets", type=int, default=500)

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        ref = get_reference()
        self.stdout.write(f"参照データの読み込み（初回）: {(time.perf_counter() - started) * 1000:.0f} ms")
        files = opts["files"] or [
            str(Path(__file__).resolve().parents[5] / "shared/eval/experience/dev.jsonl")
        ]
        texts = [c["text"] for f in files for c in read_cases(Path(f))]
        started = time.perf_counter()
        translate(texts[0], ref=ref)
        self.stdout.write(
            f"翻訳の初回（辞書の読み込みを含む）: {(time.perf_counter() - started) * 1000:.0f} ms"
        )
        times = []
        for _ in range(opts["rounds"]):
            for text in texts:
                t = time.perf_counter()
                translate(text, ref=ref)
                times.append((time.perf_counter() - t) * 1000)
        chars = statistics.mean(len(t) for t in texts)
        self.stdout.write(f"経験の翻訳（{len(texts)}文、平均{chars:.0f}字）: {_summary(times)}")
        joined = "".join(texts)
        long_text = (joined * (10_000 // len(joined) + 1))[:10_000]
        t = time.perf_counter()
        translate(long_text, ref=ref)
        self.stdout.write(
            f"経験の翻訳（上限の{len(long_text):,}字）: {(time.perf_counter() - t) * 1000:.1f} ms"
        )

        rng = random.Random(2026)
        sheets = [{i.id: rng.randint(0, 4) for i in ITEMS} for _ in range(opts["sheets"])]
        assess(sheets[0], ref=ref)
        times = []
        for sheet in sheets:
            t = time.perf_counter()
            assess(sheet, ref=ref)
            times.append((time.perf_counter() - t) * 1000)
        self.stdout.write(f"適職診断（ランダムな回答{len(sheets)}件）: {_summary(times)}")
