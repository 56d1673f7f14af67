from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.careers.textcheck import TextRejected, decode_file
from bonavi.careers.translator import UnknownOccupation, translate
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = (
        "経験の文章（UTF-8のテキストファイル）を読み、つながる職種・根拠の引用・自己PR・足りないスキルを出力します。"
        "読めないファイルは error に理由を書き、終了コード1で終わります。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument(
            "--target", type=int, help="目標の職業（jobtag ID）。省略時は最も近い職種の代表的な職業"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        results: list[dict[str, Any]] = []
        failed = False
        for name in opts["files"]:
            path = Path(name)
            try:
                text = decode_file(path.read_bytes())
                result = translate(text, target=opts["target"])
            except FileNotFoundError:
                results.append({"file": name, "error": "ファイルが見つかりません。"})
                failed = True
                continue
            except (TextRejected, UnknownOccupation) as exc:
                results.append({"file": name, "error": exc.message})
                failed = True
                continue
            results.append(
                {
                    "file": name,
                    "families": [
                        {"family": f["family"], "score": f["score"], "why": f["why"]}
                        for f in result["families"]
                    ],
                    "evidence": [
                        {"span": e["span"], "skill": e["skill"], "family": e["family"]}
                        for e in result["evidence"]
                    ],
                    "appeal_points": [p["text"] for p in result["appeal_points"]],
                    "gaps": [
                        {
                            "skill": g["key"],
                            "label": g["label"],
                            "target_level": g["target_level"],
                            "average": g["average"],
                            "weight": g["weight"],
                            "qualifications": [q["name"] for q in g["qualifications"]],
                        }
                        for g in result["gaps"]
                    ],
                    "target": result["target"],
                    "attribution": result["attribution"],
                }
            )
        if opts["format"] == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._as_text(results))
        if failed:
            raise CommandError("読めないファイルがありました（上の error を見てください）。", returncode=1)

    @staticmethod
    def _as_text(results: list[dict[str, Any]]) -> str:
        lines: list[str] = []
        for r in results:
            lines.append(f"== {r['file']}")
            if "error" in r:
                lines.append(f"  エラー：{r['error']}")
                continue
            lines.append("つながる職種：")
            for f in r["families"][:3]:
                lines.append(f"  {f['family']} {f['score']:.2f}  {f['why']}")
            lines.append("根拠（本文からの引用）：")
            for e in r["evidence"]:
                lines.append(f"  「{e['span']}」 → {e['skill']} / {e['family']}")
            lines.append("自己PR：")
            lines.extend(f"  {p}" for p in r["appeal_points"])
            if r["target"]:
                lines.append(f"足りないスキル（目標：{r['target']['title']}）：")
                for g in r["gaps"]:
                    quals = "、".join(g["qualifications"]) or "—"
                    lines.append(
                        f"  {g['label']} 目標 {g['target_level']}（全職業平均 {g['average']}） 資格：{quals}"
                    )
            lines.append(r["attribution"])
        return "\n".join(lines)
