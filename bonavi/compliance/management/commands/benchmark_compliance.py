"""`bonavi benchmark_compliance [--count 10000] [--ads 500]`: how fast the checker is, on one core.

Structured postings come from `compliance.synthetic` (realistic field sizes, 20 % with a wording mistake);
pasted ads are the labelled ads of our evaluation set, repeated. Results go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from typing import Any

from django.core.management.base import CommandParser

from bonavi.compliance.checker import check_facts
from bonavi.compliance.evaluation import OWN_CASES, load_cases
from bonavi.compliance.synthetic import synthetic_facts
from bonavi.compliance.textparse import parse_ad
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = "求人原稿チェックの速度を計測します（構造化データの求人と、貼り付けた原稿）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count", type=int, default=10_000, help="構造化データの求人の件数（既定10,000）"
        )
        parser.add_argument("--ads", type=int, default=1_000, help="原稿テキストの件数（既定1,000）")

    def handle(self, *args: Any, **options: Any) -> None:
        on = dt.date(2026, 11, 15)
        postings = list(synthetic_facts(options["count"]))
        check_facts(postings[0], on=on)  # warm the caches (regexes, normalisation table, wage table)
        started = time.perf_counter()
        counts: Counter[str] = Counter()
        for facts in postings:
            for f in check_facts(facts, on=on):
                counts[f.severity] += 1
        took = time.perf_counter() - started
        self.stdout.write(
            f"構造化データ {len(postings):,}件：{took:.2f}秒（1件あたり{took / len(postings) * 1000:.3f}ms）"
            f" エラー{counts['error']:,}件・警告{counts['warning']:,}件"
        )
        cases = load_cases(OWN_CASES)
        texts = [cases[i % len(cases)].text for i in range(options["ads"])]
        started = time.perf_counter()
        for text in texts:
            check_facts(parse_ad(text).facts, on=on)
        took = time.perf_counter() - started
        self.stdout.write(
            f"原稿テキスト {len(texts):,}件（解析＋チェック）：{took:.2f}秒（1件あたり{took / len(texts) * 1000:.2f}ms）"
        )
