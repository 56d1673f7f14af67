from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.notifications import benchmark


class Command(BonaviCommand):
    help = (
        "新着求人メールのベンチマーク：保存した検索条件 N件 × 新着求人 M件を生成し（不足分のみ）、"
        "1回分の作成時間と、メール本文の作成速度を測ります。空のデータベースで実行してください"
        "（例：DATABASE_URL=sqlite:////tmp/bench.sqlite3）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--searches", type=int, default=100_000)
        parser.add_argument("--postings", type=int, default=10_000)
        parser.add_argument("--render-sample", type=int, default=5_000)
        parser.add_argument("--seed-only", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        import time

        t0 = time.perf_counter()
        searches, postings = benchmark.seed(searches=opts["searches"], postings=opts["postings"])
        self.stdout.write(
            f"生成：保存した検索条件 {searches:,}件・求人 {postings:,}件（{time.perf_counter() - t0:.1f}秒）"
        )
        if opts["seed_only"]:
            return
        r = benchmark.run(render_sample=opts["render_sample"])
        s = r.seconds
        self.stdout.write(
            f"作成：検索条件 {r.searches:,}件（異なる条件 {r.distinct_queries:,}種）× 新着求人 {r.postings:,}件 → "
            f"メール {r.messages:,}通・{r.sections:,}セクション"
        )
        self.stdout.write(
            f"時間：合計 {s['pass']:.1f}秒（求人の読込と語の抽出 {s.get('load', 0):.1f}秒・照合 {s.get('match', 0):.1f}秒・"
            f"その他（読込・書込） {s['pass'] - s.get('load', 0) - s.get('match', 0):.1f}秒）・"
            f"うちCPU時間 {s['pass_cpu']:.1f}秒"
        )
        if s.get("render_sample_size"):
            n = int(s["render_sample_size"])
            self.stdout.write(
                f"本文の作成：{n:,}通 {s['render_sample']:.1f}秒（CPU時間 {s['render_cpu']:.1f}秒・{n / s['render_cpu']:.0f}通/CPU秒、"
                f"全 {r.messages:,}通なら約 {s.get('render_all_estimate', 0):.0f}秒。送信時に行われます）"
            )
