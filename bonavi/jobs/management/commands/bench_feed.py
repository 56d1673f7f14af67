from __future__ import annotations

import statistics
import time
import tracemalloc
from typing import Any

from django.core.management.base import CommandParser
from django.test import RequestFactory

from bonavi.core.commands import BonaviCommand
from bonavi.jobs import selectors
from bonavi.jobs.models import JobPosting
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.views import job_feed


def _stream(query: str = "") -> tuple[float, float, int]:
    """One GET of the feed, read to the end: (seconds to the first chunk, seconds in all, bytes)."""
    request = RequestFactory().get("/feeds/jobs.xml" + query)
    started = time.perf_counter()
    response = job_feed(request)
    first = 0.0
    size = 0
    for chunk in response.streaming_content:  # type: ignore[union-attr]
        if not first:
            first = time.perf_counter() - started
        size += len(chunk)
    return first, time.perf_counter() - started, size


class Command(BonaviCommand):
    help = (
        "XML求人フィードのベンチマーク：求人を --postings 件まで生成し（不足分のみ）、/feeds/jobs.xml を最後まで"
        "読む時間（中央値・95パーセンタイル）と、その間のPythonのメモリ使用量の最大値を測ります。"
        "空のデータベースで実行してください（例：DATABASE_URL=sqlite:////tmp/bench-feed.sqlite3）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=10_000, help="求人の件数（不足分を生成）")
        parser.add_argument("--runs", type=int, default=5, help="計測の回数")
        parser.add_argument("--query", default="", help="フィルタ（例：?prefecture=13）")

    def handle(self, *args: Any, **opts: Any) -> None:
        missing = opts["postings"] - JobPosting.objects.count()
        if missing > 0:
            t0 = time.perf_counter()
            postings_seed(count=missing, seed=11)
            self.stdout.write(f"生成：求人 {missing:,}件（{time.perf_counter() - t0:.1f}秒）")
        public = selectors.public_postings().count()
        _stream(opts["query"])  # warms the template cache and the database's page cache
        firsts, totals = [], []
        size = 0
        for _ in range(opts["runs"]):
            first, total, size = _stream(opts["query"])
            firsts.append(first)
            totals.append(total)
        totals.sort()
        p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
        # Peak memory in a separate run: tracemalloc slows Python down several times over.
        tracemalloc.start()
        _stream(opts["query"])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        median = statistics.median(totals)
        self.stdout.write(
            f"フィード{opts['query'] or ''}：求人 {JobPosting.objects.count():,}件（うち公開 {public:,}件）→ "
            f"{size / 1e6:,.1f} MB"
        )
        self.stdout.write(
            f"時間（{opts['runs']}回）：中央値 {median:.2f}秒・p95 {p95:.2f}秒"
            f"（{public / median:,.0f}件/秒）・最初のチャンクまで 中央値 {statistics.median(firsts) * 1000:.0f}ミリ秒"
        )
        self.stdout.write(f"メモリ：Pythonの割り当ての最大値 {peak / 1e6:.1f} MB（tracemalloc）")
