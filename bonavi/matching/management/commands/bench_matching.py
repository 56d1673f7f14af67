from __future__ import annotations

import statistics
import time
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from bonavi.core.commands import BonaviCommand
from bonavi.jobs.generator import Company, generate_postings
from bonavi.matching.facts import PersonFacts
from bonavi.matching.services import job_facts, person_profile, rank


class Command(BonaviCommand):
    help = "マッチングの速度を測ります：生成した求人 N 件を1人分ランキング（特徴量は事前計算、1コア）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args: Any, **opts: Any) -> None:
        companies = [
            Company(i, f"株式会社ベンチ{i}", "東京都千代田区1-1", "03-0000-0000") for i in range(1, 201)
        ]
        now = timezone.now()
        t0 = time.perf_counter()
        facts = []
        for i, posting in enumerate(
            generate_postings(count=opts["postings"], companies=companies, seed=3), start=1
        ):
            posting.pk = i
            posting.updated_at = now
            facts.append(job_facts(posting))
        pre = time.perf_counter() - t0
        people = [
            PersonFacts(
                prefectures=("13", "14"),
                pay_floor=250_000,
                employment_types=("seishain",),
                experience_text="請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。",
                qualifications=("日商簿記2級",),
                telework="partial",
            ),
            PersonFacts(
                prefectures=("27",),
                pay_floor=1_300,
                pay_unit="hour",
                experience_text="社内のPCやアカウントの問い合わせ対応、キッティング、ヘルプデスク業務。",
            ),
        ]
        profiles = [person_profile(p) for p in people]
        times = []
        for run in range(opts["runs"]):
            profile = profiles[run % len(profiles)]
            t = time.perf_counter()
            top = rank(profile, facts, limit=20)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        self.stdout.write(
            f"求人 {len(facts):,} 件の特徴量：{pre:.1f} 秒（{pre / len(facts) * 1000:.2f} ms/件）"
        )
        self.stdout.write(
            f"1人分のランキング（上位20件を説明つきで）：p50 {statistics.median(times):.0f} ms / p95 {p95:.0f} ms"
            f"（{len(times)} 回）"
        )
        self.stdout.write(f"例：1位 {top[0].score} 点 met={len(top[0].met)} missed={len(top[0].missed)}")
