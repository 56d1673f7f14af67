from __future__ import annotations

import resource
import time
from typing import Any

from django.core.management.base import CommandError, CommandParser

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
        parser.add_argument(
            "--area",
            default="",
            help="最後に、この都道府県（JISコード、例：13）の求職者の最初の「おすすめ求人」を測る（ADR 0106）",
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
        if opts["area"]:
            stages.append(self._first_recommendation(opts["area"]))
        total = time.perf_counter() - started
        for label, seconds in stages:
            self.stdout.write(f"{seconds * 1000:8.0f} ms  {label}")
        self.stdout.write(f"{total * 1000:8.0f} ms  合計")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        self.stdout.write(f"最大常駐メモリ（プロセス全体）：{peak:.0f} MB")

    def _first_recommendation(self, area: str) -> tuple[str, float]:
        """The ranking 「おすすめ求人」 does for a seeker of `area` (her pool, the newest CANDIDATE_POOL of her
        prefecture and full remote): how many of its postings had a stored row of older classifier data (served
        as they are, ADR 0106 addendum), how many had no current row (classified, at most INLINE_CLASSIFY; the
        others left to the worker), and how long it took."""
        from bonavi.core.prefectures import PREFECTURES
        from bonavi.matching import features_store, services

        if area not in PREFECTURES:
            raise CommandError(f"--area は都道府県のJISコード（01〜47）で指定してください：{area}")
        facts = PersonFacts(prefectures=(area,), experience_text=SAMPLE_TEXT, pay_floor=200_000)
        services.person_profile(facts)  # measured above (--no-profile aside): only the ranking here
        postings = services.candidate_postings(facts.prefectures)
        ids = list(postings.values_list("pk", flat=True)[: services.CANDIDATE_POOL])
        stale = set(services.stale_feature_ids()) & set(ids)
        current = set(
            postings.filter(pk__in=stale).filter(features_store.current_q()).values_list("pk", flat=True)
        )
        t = time.perf_counter()
        pool = services.pool_facts(postings, pool=services.CANDIDATE_POOL)
        services.rank(services.person_profile(facts), pool, limit=10)
        seconds = time.perf_counter() - t
        label = (
            f"最初の「おすすめ求人」（{PREFECTURES[area]}、{len(ids):,}件中、古いデータの特徴量{len(current):,}件・"
            f"特徴量なし{len(stale - current):,}件、候補{len(pool):,}件）"
        )
        return label, seconds
