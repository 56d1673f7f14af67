from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.careers.evaluation import evaluate, read_cases
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = (
        "経験の翻訳の精度を、正解付きのJSON Lines（text, expected_families, evidence）で測ります："
        "職種のtop-1/top-2、根拠の逐語率、正解スパンの再現率と適合率（半分以上を覆えば一致）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.jsonl")
        parser.add_argument("--json", action="store_true", help="数値をJSONで出力する")
        parser.add_argument("--cases", action="store_true", help="ケースごとの結果も表示する")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"{path} が見つかりません。")
        try:
            cases = read_cases(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = evaluate(cases)
        rows = report.pop("rows")
        if opts["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        if opts["cases"]:
            for r in rows:
                mark = "○" if r.predicted[0] in r.expected else "×"
                self.stdout.write(
                    f"{mark} {r.id} 正解 {','.join(r.expected)} / 予測 {','.join(r.predicted[:2])}  "
                    f"スパン {r.gold_found}/{r.gold_total}  予測 {r.pred_correct}/{r.pred_total}"
                )
        pct = lambda v: f"{v * 100:.1f}%"  # noqa: E731
        self.stdout.write(f"ケース数                 {report['cases']}")
        self.stdout.write(
            f"職種 top-1               {pct(report['family_top1'])}（先頭の正解と一致 {pct(report['family_top1_strict'])}）"
        )
        self.stdout.write(
            f"職種 top-2               {pct(report['family_top2'])}（正解すべてが上位2つ {pct(report['family_top2_all'])}）"
        )
        self.stdout.write(f"対象外の職種が上位2つ    {pct(report['not_family_in_top2'])}")
        self.stdout.write(f"根拠の逐語率（40字以内） {pct(report['evidence_verbatim'])}")
        self.stdout.write(f"正解スパンの再現率       {pct(report['gold_span_recall'])}")
        self.stdout.write(f"スパンの適合率           {pct(report['span_precision'])}")
        self.stdout.write(f"スキルの一致（参考）     {pct(report['skill_agreement'])}")
        self.stdout.write(
            f"1件の処理時間            中央値 {report['ms_median']} ms / 最大 {report['ms_max']} ms"
        )
