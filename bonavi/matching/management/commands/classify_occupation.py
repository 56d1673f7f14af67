from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bonavi.matching.classifier import default_classifier


class Command(BaseCommand):
    help = "テキスト（求人の仕事内容・職務経歴・タスク文など）から近い職業（jobtag）を根拠つきで推定します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="UTF-8 のテキストファイル（- で標準入力）")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--lexical-only", action="store_true", help="埋め込みを使わない（速い）")

    def handle(self, *args: Any, **opts: Any) -> None:
        clf = default_classifier()
        results: list[dict[str, Any]] = []
        failed = False
        for path in opts["files"]:
            try:
                text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.stderr.write(
                    f"{path}: 読み込めません（{exc.__class__.__name__}）。UTF-8 のテキストを指定してください。"
                )
                failed = True
                continue
            occupations = clf.classify(
                text, top=max(1, min(opts["top"], 20)), semantic=not opts["lexical_only"]
            )
            results.append({"file": str(path), "occupations": [o.as_dict() for o in occupations]})
        if opts["format"] == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for r in results:
                self.stdout.write(f"== {r['file']}")
                for o in r["occupations"]:
                    self.stdout.write(
                        f"  {o['score']:.2f} {o['title']}（{o['mhlw_code']}, jobtag {o['jobtag_id']}）"
                    )
                    for w in o["why"]:
                        self.stdout.write(f"       - {w}")
            self.stdout.write(clf.attribution)
        if failed:
            sys.exit(1)
