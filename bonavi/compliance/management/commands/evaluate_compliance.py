"""`bonavi evaluate_compliance FILE.jsonl [--verbose] [--min-recall 0.95]`: recall and false positives per rule.

The file is in the shared dev-set format (see `bonavi.compliance.evaluation`). With --min-recall the command
exits 1 when a rule with cases falls below it, or when a clean ad gets an error finding, so CI can use it.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.compliance.evaluation import OWN_CASES, CaseFormatError, evaluate, load_cases
from bonavi.core.commands import BonaviCommand


def _pct(x: float | None) -> str:
    return "    -" if x is None else f"{x * 100:5.1f}%"


class Command(BonaviCommand):
    help = (
        "ラベル付きの求人原稿（JSON Lines）でチェッカーを評価し、ルールごとの再現率と誤検出率を表示します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default=str(OWN_CASES), help=f"評価データ（既定：{OWN_CASES.name}）"
        )
        parser.add_argument("--verbose", action="store_true", help="見逃しと誤検出の事例を表示します")
        parser.add_argument(
            "--min-recall", type=float, default=None, help="この再現率を下回るルールがあれば終了コード1"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            cases = load_cases(options["file"])
        except FileNotFoundError as exc:
            raise CommandError(f"ファイルが見つかりません：{options['file']}") from exc
        except CaseFormatError as exc:
            raise CommandError(str(exc)) from exc
        report = evaluate(cases)
        w = self.stdout.write
        w(f"評価データ：{options['file']}（{len(cases)}件、うち違反なしの原稿{report.clean_cases}件）")
        w(
            f"{'rule':30} {'cases':>5} {'hits':>5} {'recall':>7} {'negatives':>9} {'FP(any)':>8} {'FP rate':>8} {'FP(error)':>9}"
        )
        for rule, s in report.scores.items():
            w(
                f"{rule:30} {s.positives:5d} {s.hits:5d} {_pct(s.recall):>7} {s.negatives:9d} {s.false_any:8d} "
                f"{_pct(s.fp_rate):>8} {_pct(s.fp_error_rate):>9}"
            )
        bad_clean = report.clean_with_errors
        w(f"違反なしの原稿でエラーが出た件数：{len(bad_clean)} / {report.clean_cases}")
        if options["verbose"]:
            for outcome, rule in report.misses():
                got = ", ".join(f"{f.rule}:{f.item}" for f in outcome.findings) or "なし"
                w(f"  見逃し {outcome.case.id} {rule}（{outcome.case.note}）検出：{got}")
            for outcome, rule in report.false_positives():
                for f in outcome.findings:
                    if f.rule == rule:
                        w(
                            f"  誤検出 {outcome.case.id} {rule} [{f.severity}] {f.item}「{f.evidence}」{f.message}"
                        )
        threshold = options["min_recall"]
        if threshold is not None:
            low = [r for r, s in report.scores.items() if s.recall is not None and s.recall < threshold]
            if low or bad_clean:
                self.stderr.write(
                    f"目標未達：再現率{threshold:.0%}未満 {low or 'なし'}、エラーが出た違反なしの原稿 "
                    f"{[o.case.id for o in bad_clean] or 'なし'}"
                )
                sys.exit(1)
