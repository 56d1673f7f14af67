from __future__ import annotations

import logging
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any, cast

from django.core.management.base import CommandParser
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.utils import timezone

from bonavi.core.commands import BonaviCommand, median_p95
from bonavi.core.prefectures import PREFECTURES
from bonavi.jobs import feed_files, selectors
from bonavi.jobs.management.commands.demo import hiring_staff_ensure
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.views import job_feed


def _fetch(query: str = "", *, gzip: bool = False) -> tuple[float, int]:
    """One GET of the built feed, read to the end: (seconds, bytes sent)."""
    headers = {"accept-encoding": "gzip"} if gzip else {}
    request = RequestFactory().get("/feeds/jobs.xml" + query, headers=headers)
    started = time.perf_counter()
    response = job_feed(request)
    assert isinstance(response, StreamingHttpResponse) and response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in cast(Iterator[bytes], response.streaming_content))
    return time.perf_counter() - started, size


class Command(BonaviCommand):
    help = (
        "XML求人フィードのベンチマーク：求人を --postings 件まで生成し（不足分のみ）、フィードのファイルを作成する時間と"
        "Pythonのメモリ使用量の最大値、作成済みのファイルを /feeds/jobs.xml が送る時間（中央値・95パーセンタイル）を"
        "測ります。空のデータベースで実行してください（例：DATABASE_URL=sqlite:////tmp/bench-feed.sqlite3、"
        "FEED_DIR=/tmp/bench-feeds）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=10_000, help="求人の件数（不足分を生成）")
        parser.add_argument("--runs", type=int, default=5, help="計測の回数")
        parser.add_argument("--query", default="", help="送信を測るフィルタ（例：?prefecture=13）")
        parser.add_argument(
            "--prefecture",
            default="13",
            choices=list(PREFECTURES),
            help="都道府県別のファイルの送信も測る都道府県コード（--withdraw では除外する求人をこの都道府県から選ぶ）",
        )
        parser.add_argument(
            "--withdraw",
            type=int,
            default=0,
            help=(
                "作成後に --prefecture の公開求人をこの件数だけ募集終了にし、作成し直さずに送る時間も測る（全体と都道府県別、"
                "初回＝除外したファイルの作成、2回目以降＝作成済みのファイルの送信。従来の毎回の走査、分割を使わない作成、"
                ".filtered に書けない場合の毎回の作成と比較）"
            ),
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        missing = opts["postings"] - JobPosting.objects.count()
        if missing > 0:
            t0 = time.perf_counter()
            postings_seed(count=missing, seed=11)
            self.stdout.write(f"生成：求人 {missing:,}件（{time.perf_counter() - t0:.1f}秒）")
        # The feed leaves out the postings of a company without an active 採用担当 (ADR 0146), and generated companies
        # have none: without this the feed would be empty.
        if staffed := hiring_staff_ensure():
            self.stdout.write(f"採用担当のいない企業 {staffed:,}社に採用担当を追加")
        public = selectors.feed_postings().count()
        builds = []
        for _ in range(opts["runs"]):
            with feed_files.build_lock(wait=True):
                builds.append(feed_files.feed_build())
        build_median, build_p95 = median_p95([b.seconds for b in builds])
        # Peak memory in a separate build: tracemalloc slows Python down several times over.
        tracemalloc.start()
        with feed_files.build_lock(wait=True):
            feed_files.feed_build()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gz = (feed_files.feed_dir() / "jobs.xml.gz").stat().st_size
        self.stdout.write(
            f"作成：求人 {JobPosting.objects.count():,}件（うちフィードに載る公開求人 {public:,}件）→ jobs.xml {builds[0].bytes / 1e6:,.1f} MB"
            f"・jobs.xml.gz {gz / 1e6:,.1f} MB（都道府県別・職種別のファイルも同時に作成）"
        )
        self.stdout.write(
            f"作成時間（{opts['runs']}回）：中央値 {build_median:.2f}秒・p95 {build_p95:.2f}秒"
            f"（{public / build_median:,.0f}件/秒）・Pythonのメモリ割り当ての最大値 {peak / 1e6:.1f} MB（tracemalloc）"
        )
        for query in (opts["query"], f"?prefecture={opts['prefecture']}"):
            for gzip in (False, True):
                _fetch(query, gzip=gzip)  # warms the page cache
                runs = [_fetch(query, gzip=gzip) for _ in range(opts["runs"])]
                median, p95 = median_p95([seconds for seconds, _ in runs])
                self.stdout.write(
                    f"送信{query}（{'gzip' if gzip else '非圧縮'}、{runs[0][1] / 1e6:,.2f} MB）：中央値 "
                    f"{median * 1000:.1f}ミリ秒・p95 {p95 * 1000:.1f}ミリ秒"
                )
        if opts["withdraw"] > 0:
            self._withdrawn(opts)

    def _withdrawn(self, opts: dict[str, Any]) -> None:
        """ADR 0081 amendment 4 and addendum s19: postings closed after the build are left out of the feed; the
        first request makes the filtered copy (gzipped for a gzip client), later ones send it."""
        # From the measured prefecture: its copy leaves out N jobs (and the whole feed's too, spread over it).
        ids = list(
            selectors.feed_postings()
            .filter(prefecture=opts["prefecture"])
            .order_by("?")
            .values_list("id", flat=True)[: opts["withdraw"]]
        )
        JobPosting.objects.filter(id__in=ids).update(status=PostingStatus.CLOSED, updated_at=timezone.now())
        built = feed_files.built_data_time()
        assert built is not None
        started = time.perf_counter()
        for _ in range(opts["runs"]):
            gone = feed_files.withdrawn_since(built)
        query = (time.perf_counter() - started) / opts["runs"]
        self.stdout.write(f"除外する求人の検索（{len(gone):,}件）：{query * 1000:.2f}ミリ秒")
        # Session 18's way, for comparison: every request scanned the file and sent it plain.
        scans = []
        for _ in range(opts["runs"] + 1):
            t0 = time.perf_counter()
            with open(feed_files.feed_dir() / feed_files.FULL, "rb") as file:
                size = sum(
                    len(b) for b in feed_files.without_jobs(iter(lambda: file.read(1 << 16), b""), gone)
                )
            scans.append(time.perf_counter() - t0)
        median, p95 = median_p95(scans[1:])
        self.stdout.write(
            f"従来の除外（毎回ファイル全体を走査・非圧縮、{size / 1e6:,.1f} MB）：中央値 {median * 1000:.1f}ミリ秒・"
            f"p95 {p95 * 1000:.1f}ミリ秒"
        )
        prefecture = f"?prefecture={opts['prefecture']}"
        for query in (opts["query"], prefecture):
            for gzip in (True, False):
                self._first_and_later(query, gzip=gzip, withdrawn=len(ids), runs=opts["runs"])
        # Another prefecture's copy holds none of them (addendum s21): before, its first request made a filtered copy
        # identical to the built file; now the view sees from the segment list that nothing is to be left out.
        other = "27" if opts["prefecture"] != "27" else "13"
        firsts = []
        for _ in range(opts["runs"]):
            feed_files.filtered_copies_remove()
            firsts.append(_fetch(f"?prefecture={other}", gzip=True))
        median, p95 = median_p95([seconds for seconds, _ in firsts])
        self.stdout.write(
            f"送信?prefecture={other}（gzip、除外した{len(ids):,}件はこのファイルにない・初回、"
            f"{firsts[0][1] / 1e6:,.2f} MB）：中央値 {median * 1000:.1f}ミリ秒・p95 {p95 * 1000:.1f}ミリ秒"
        )
        # Before addendum s20 a prefecture's gzip copy was its file gunzipped, filtered and gzipped whole: the same
        # request with its segment list out of the way.
        listed = feed_files.feed_dir() / feed_files.segments_name(
            feed_files.variant_name(prefecture=opts["prefecture"])
        )
        aside = listed.with_name(listed.name + ".aside")
        listed.rename(aside)
        try:
            self._first_and_later(
                prefecture,
                gzip=True,
                withdrawn=len(ids),
                runs=opts["runs"],
                note="分割なし＝全体を再圧縮",
                later=False,
            )
        finally:
            aside.rename(listed)
        # FEED_DIR/.filtered unwritable (a file in its place): every request makes the body while sending it.
        filtered = feed_files.feed_dir() / feed_files.FILTERED
        feed_files.filtered_copies_remove()
        hidden = filtered.with_name(filtered.name + ".aside")
        filtered.mkdir(exist_ok=True)
        filtered.rename(hidden)
        filtered.write_bytes(b"")
        logger = logging.getLogger(feed_files.__name__)
        level = logger.level
        logger.setLevel(logging.ERROR)  # its warning, once per request
        try:
            for query in (opts["query"], prefecture):
                for gzip in (True, False):
                    runs = [_fetch(query, gzip=gzip) for _ in range(opts["runs"])]
                    median, p95 = median_p95([seconds for seconds, _ in runs])
                    self.stdout.write(
                        f"送信{query}（{'gzip' if gzip else '非圧縮'}、{len(ids):,}件を除外・.filtered に書けない"
                        f"＝毎回送りながら作成、{runs[0][1] / 1e6:,.2f} MB）：中央値 {median * 1000:.1f}ミリ秒"
                        f"・p95 {p95 * 1000:.1f}ミリ秒"
                    )
        finally:
            logger.setLevel(level)
            filtered.unlink()
            hidden.rename(filtered)

    def _first_and_later(
        self, query: str, *, gzip: bool, withdrawn: int, runs: int, note: str = "", later: bool = True
    ) -> None:
        label = (
            f"送信{query}（{'gzip' if gzip else '非圧縮'}、{withdrawn:,}件を除外{'・' + note if note else ''}"
        )
        firsts = []
        for _ in range(runs):
            feed_files.filtered_copies_remove()  # each run the first request after the withdrawal
            firsts.append(_fetch(query, gzip=gzip))
        median, p95 = median_p95([seconds for seconds, _ in firsts])
        self.stdout.write(
            f"{label}・初回＝除外したファイルの作成、{firsts[0][1] / 1e6:,.2f} MB）：中央値 {median * 1000:.1f}ミリ秒"
            f"・p95 {p95 * 1000:.1f}ミリ秒"
        )
        if not later:
            return
        sent = [_fetch(query, gzip=gzip) for _ in range(runs)]
        median, p95 = median_p95([seconds for seconds, _ in sent])
        self.stdout.write(
            f"{label}・2回目以降＝作成済みのファイル、{sent[0][1] / 1e6:,.2f} MB）：中央値 {median * 1000:.1f}ミリ秒"
            f"・p95 {p95 * 1000:.1f}ミリ秒"
        )
