from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandParser
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from bonavi.core.commands import BonaviCommand, median_p95
from bonavi.jobs import selectors
from bonavi.jobs.models import JobPosting
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.sitemaps import CompanySitemap
from bonavi.jobs.views import COMPANY_PAGE_SIZE


def _related(posting: JobPosting, listed: list[int] | None = None) -> None:
    others = selectors.organization_other_postings(posting)
    selectors.similar_postings(posting, exclude_ids=[p.pk for p in others] + (listed or []))


def _company_page(posting: JobPosting, page: int) -> None:
    # What jobs.views.company_detail reads: the count, then the page's rows.
    postings = selectors.organization_public_postings(posting.organization_id)
    list(Paginator(postings, COMPANY_PAGE_SIZE).get_page(page))


def _sitemap_page() -> None:
    list(CompanySitemap().items()[: CompanySitemap.limit])


class Command(BonaviCommand):
    help = (
        "求人詳細の「この企業の他の求人」「似た求人」と企業ページ（/companies/<id>/）のベンチマーク：求人を --postings 件まで"
        "生成し（不足分のみ）、公開求人から選んだ --samples 件について、それぞれの読み出しの時間（中央値・95パーセンタイル）と"
        "クエリ数を測り、--explain で各クエリの実行計画（EXPLAIN）を表示します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=20_000, help="求人の件数（不足分を生成）")
        parser.add_argument("--samples", type=int, default=50, help="計測に使う公開求人の件数")
        parser.add_argument("--explain", action="store_true", help="クエリの実行計画を表示する")

    def handle(self, *args: Any, **opts: Any) -> None:
        missing = opts["postings"] - JobPosting.objects.count()
        if missing > 0:
            t0 = time.perf_counter()
            postings_seed(count=missing, seed=13)
            self.stdout.write(f"生成：求人 {missing:,}件（{time.perf_counter() - t0:.1f}秒）")
        samples = self._samples(opts["samples"])
        rare = self._rare_cases()
        exclude = {p.pk: ids for p, ids in rare}
        cases: list[tuple[str, list[JobPosting], Callable[[JobPosting], None]]] = [
            ("詳細ページの関連求人（無作為の公開求人）", samples, _related),
            (
                "詳細ページの関連求人（求人の少ない職種×都道府県：第2段まで）",
                [p for p, _ in rare],
                lambda p: _related(p, exclude[p.pk]),
            ),
            ("企業ページ 1ページ目", samples, lambda p: _company_page(p, 1)),
            ("企業ページ 10ページ目", samples, lambda p: _company_page(p, 10)),
        ]
        self.stdout.write(
            f"求人 {JobPosting.objects.count():,}件（公開 {selectors.public_postings().count():,}件）"
            f"・{connection.vendor}"
        )
        for label, postings, fn in cases:
            for p in postings[:3]:
                fn(p)  # warms the caches
            times, counts = [], []
            for p in postings:
                with CaptureQueriesContext(connection) as ctx:
                    t0 = time.perf_counter()
                    fn(p)
                    times.append(time.perf_counter() - t0)
                counts.append(len(ctx))
            median, p95 = median_p95(times)
            self.stdout.write(
                f"{label}（{len(postings)}件）：中央値 {median * 1000:.2f}ミリ秒・p95 {p95 * 1000:.2f}ミリ秒"
                f"・クエリ {min(counts)}〜{max(counts)}回"
            )
            if opts["explain"]:
                first = postings[0]
                self._explain(lambda: fn(first))  # noqa: B023 - called at once, inside this iteration
        t0 = time.perf_counter()
        _sitemap_page()
        self.stdout.write(f"サイトマップ（企業）1ファイル：{(time.perf_counter() - t0) * 1000:.1f}ミリ秒")
        if opts["explain"]:
            self._explain(_sitemap_page)

    def _samples(self, count: int) -> list[JobPosting]:
        ids = list(selectors.public_postings().order_by("-id").values_list("id", flat=True)[:200_000])
        chosen = random.Random(5).sample(ids, min(count, len(ids)))
        return list(JobPosting.objects.filter(pk__in=chosen).select_related("organization"))

    def _rare_cases(self, count: int = 10) -> list[tuple[JobPosting, list[int]]]:
        """The second tier runs when the first finds fewer than RELATED_LIMIT: a sub-role × prefecture with few
        postings. Generated data fills every pair, so the smallest pairs are taken and all but two of their other
        postings passed as already listed; the tier's own queries are then the ones a sparse pair runs."""
        pairs = (
            selectors.public_postings()
            .values("subrole", "prefecture")
            .annotate(n=Count("id"))
            .order_by("n", "subrole", "prefecture")[:count]
        )
        cases = []
        for pair in pairs:
            ids = list(
                selectors.public_postings()
                .filter(subrole=pair["subrole"], prefecture=pair["prefecture"])
                .values_list("id", flat=True)
            )
            posting = JobPosting.objects.select_related("organization").get(pk=ids[0])
            cases.append((posting, ids[3:]))
        return cases

    def _explain(self, fn: Callable[[], None]) -> None:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        for query in ctx.captured_queries:
            self.stdout.write(f"  SQL: {query['sql'][:400]}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    self.stdout.write("    " + " ".join(str(c) for c in row))
