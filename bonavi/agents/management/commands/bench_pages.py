from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import User
from bonavi.agents.bench_data import BenchData, Sizes, bench_data_ensure
from bonavi.agents.models import Candidate, Placement, Proposal
from bonavi.core.commands import BonaviCommand, median_p95
from bonavi.documents.models import DocumentVersion
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import public_postings
from bonavi.notifications.models import SavedSearch
from bonavi.seekers.models import Application, Favorite

BASELINE = "/terms/"


@dataclass
class Page:
    role: str
    label: str
    url: str
    queries: int = 0
    kb: float = 0.0


def _pages(d: BenchData) -> list[Page]:
    org = d.employer_org_id
    return [
        Page("匿名", "基準：利用規約（静的なページ）", BASELINE),
        Page("匿名", "トップ", "/"),
        Page("匿名", "検索「経理」", "/search/?q=経理"),
        Page("匿名", "検索「経理」×東京都", "/search/?q=経理&pref=13"),
        Page("匿名", "求人詳細", f"/jobs/{d.posting.pk}/"),
        Page("匿名", "企業ページ", f"/companies/{org}/"),
        Page("匿名", "紹介会社の公開ページ（実績の情報提供）", f"/agent/agencies/{d.agency.slug}/"),
        Page("求職者", "マイページ", "/me/"),
        Page("求職者", "応募一覧", "/me/applications/"),
        Page("求職者", "お気に入り", "/me/favorites/"),
        Page("求職者", "プロフィール", "/me/profile/"),
        Page("求職者", "応募書類エディタ", f"/documents/{d.document.pk}/"),
        Page("採用担当", "求人管理", "/jobs/manage/"),
        Page("採用担当", "応募者一覧", "/applicants/"),
        Page("採用担当", "応募者の詳細", f"/applicants/{d.application.pk}/"),
        Page("紹介会社", "今日やること（/agent/）", "/agent/"),
        Page("紹介会社", "求職者の検索（氏名）", f"/agent/?q={d.search_name}"),
        Page("紹介会社", "求職者の詳細（マッチ含む）", f"/agent/candidates/{d.candidate.pk}/"),
        Page("紹介会社", "求職者に合う求人（API）", f"/api/v1/agent/candidates/{d.candidate.pk}/matches"),
        Page("紹介会社", "求職管理簿 CSV", f"/agent/books/{d.office.pk}/seeker.csv"),
        Page("紹介会社", "求人管理簿 CSV", f"/agent/books/{d.office.pk}/job.csv"),
    ]


def _host() -> str:
    # The test client's "testserver" is refused outside the test runner unless allowed: use a host the site allows.
    hosts = [h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")]
    return "testserver" if "*" in settings.ALLOWED_HOSTS or not hosts else hosts[0]


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if getattr(response, "streaming", False)
        else response.content
    )
    if response.status_code != 200:
        raise CommandError(f"{url} が {response.status_code} を返しました。")
    return body


class Command(BonaviCommand):
    help = (
        "日常に使うページのサーバー時間（中央値・95パーセンタイル）とクエリ数を、現実的な量のデータで測ります："
        "求人 --postings 件（1社に300件・その会社への応募2,000件）、求職者1人（応募30・お気に入り40・保存検索5・書類3）、"
        "紹介会社（求職者500人・提案300件・入社100件）を不足分だけ作り、django.test.Client で各ページを --runs 回"
        "（ページの順を回ごとに入れ替えて）取得します。同じ回の基準ページ（利用規約）との比も示します。"
        "データは設定のデータベースに作られます：測定用のデータベース（DATABASE_URL）で実行してください。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=10_000, help="求人の件数（不足分を生成）")
        parser.add_argument("--runs", type=int, default=15, help="各ページを測る回数")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="求人以外のデータ量の倍率（0.1 なら応募200件・求職者50人…：クエリ数が行数で増えるページを見分ける）",
        )
        parser.add_argument(
            "--only", default="", help="URL にこの文字列を含むページだけ測る（基準ページは常に）"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["postings"] < 100 or opts["runs"] < 1 or not 0 < opts["scale"] <= 1:
            raise CommandError(
                "--postings は100以上、--runs は1以上、--scale は0より大きく1以下を指定してください。"
            )
        if settings.DEBUG:
            self.stderr.write(
                "注意：DEBUG が有効です（クエリを記録するため遅くなります）。DEBUG=0 で実行してください。"
            )
        t0 = time.perf_counter()
        sizes = Sizes(postings=opts["postings"]).scaled(opts["scale"])
        data = bench_data_ensure(sizes, say=self.stdout.write)
        self.stdout.write(f"データの用意：{time.perf_counter() - t0:.1f}秒")
        self._sizes(data)
        clients = {"匿名": Client(HTTP_HOST=_host())}
        for role, user in (("求職者", data.seeker), ("採用担当", data.employer), ("紹介会社", data.adviser)):
            clients[role] = Client(HTTP_HOST=_host())
            clients[role].force_login(user)
        pages = [p for p in _pages(data) if p.url == BASELINE or opts["only"] in p.url]
        for page in pages:
            client = clients[page.role]
            _get(client, page.url)  # the first request warms the process's caches (catalogues, classifier)
            with CaptureQueriesContext(connection) as ctx:
                page.kb = len(_get(client, page.url)) / 1024
            page.queries = len(ctx)
        times: dict[str, list[float]] = {p.url: [] for p in pages}
        # CPU time of this process as well: SQLite runs in it, so it is the page's own work, which other processes'
        # load on the 2 shared cores does not stretch as it stretches the wall time.
        cpu: dict[str, list[float]] = {p.url: [] for p in pages}
        order = list(pages)
        rng = random.Random(21)
        for _ in range(opts["runs"]):
            rng.shuffle(order)  # each page in every part of the run, so the machine's load falls on all alike
            for page in order:
                started, started_cpu = time.perf_counter(), time.process_time()
                _get(clients[page.role], page.url)
                times[page.url].append(time.perf_counter() - started)
                cpu[page.url].append(time.process_time() - started_cpu)
        base = median_p95(times[BASELINE])[0]
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        self.stdout.write(
            f"\n{connection.vendor}・{opts['runs']}回・負荷（loadavg 1/5/15分）{load}・基準ページの中央値 {base * 1000:.1f}ミリ秒\n"
        )
        if connection.vendor != "sqlite":
            self.stdout.write("（CPU はこのプロセスの時間です。データベースサーバーでの処理は含みません。）")
        self.stdout.write(
            "| 役割 | ページ | URL | 中央値 ms | p95 ms | 基準比 | CPU 中央値 ms | クエリ | KB |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|---|---|")
        for page in pages:
            median, p95 = median_p95(times[page.url])
            self.stdout.write(
                f"| {page.role} | {page.label} | `{page.url}` | {median * 1000:.1f} | {p95 * 1000:.1f} "
                f"| {median / base:.1f} | {median_p95(cpu[page.url])[0] * 1000:.1f} | {page.queries} | {page.kb:.1f} |"
            )

    def _sizes(self, d: BenchData) -> None:
        org = d.employer_org_id
        rows = [
            ("求人（うち公開）", f"{JobPosting.objects.count():,}（{public_postings().count():,}）"),
            (
                "採用企業の求人・応募",
                f"{JobPosting.objects.filter(organization_id=org).count():,}・"
                f"{Application.objects.filter(posting__organization_id=org).count():,}",
            ),
            (
                "求職者の応募・お気に入り・保存検索・書類",
                f"{Application.objects.filter(applicant=d.seeker).count()}・"
                f"{Favorite.objects.filter(user=d.seeker).count()}・"
                f"{SavedSearch.objects.filter(user=d.seeker).count()}・"
                f"{DocumentVersion.objects.filter(owner=d.seeker).count()}",
            ),
            (
                "紹介会社の求職者・提案・入社",
                f"{Candidate.objects.filter(agency=d.agency).count():,}・"
                f"{Proposal.objects.filter(candidate__agency=d.agency).count():,}・"
                f"{Placement.objects.filter(referral__proposal__candidate__agency=d.agency).count():,}",
            ),
            ("アカウント", f"{User.objects.count():,}"),
        ]
        for label, value in rows:
            self.stdout.write(f"  {label}：{value}")
