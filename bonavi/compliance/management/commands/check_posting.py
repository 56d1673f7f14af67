"""`bonavi check_posting [--format text|json] [--date YYYY-MM-DD] FILE...`

`.txt` (or any other suffix) = ad text; `.json` = the JSON import format (one posting, a list, or
{"postings": [...]}). Exit status: 0 no error findings, 1 at least one error finding, 2 a file could not be read
or parsed (the others are still checked). JSON output is one object per checked posting and line (JSON Lines):
{"file", "findings": [{"rule", "severity", "item", "message", "evidence", "suggestion"}]}; a file that could not be
read has an extra "error" key with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.compliance.catalog import BY_ID
from bonavi.compliance.service import CheckResult, check_file
from bonavi.core.clock import today_jst
from bonavi.core.commands import BonaviCommand

JSON_KEYS = ("rule", "severity", "item", "message", "evidence", "suggestion")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日付「{value}」はYYYY-MM-DDの形式で指定してください。", returncode=2) from exc


class Command(BonaviCommand):
    help = "求人原稿（.txt）またはインポート形式のJSON（.json）をチェックします。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="チェックするファイル（.txt または .json）"
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="出力形式（既定：text）"
        )
        parser.add_argument(
            "--date",
            default="",
            help="チェック日 YYYY-MM-DD（既定：今日）。最低賃金と掲載期間の判定に使います",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = _date(options["date"]) if options["date"] else today_jst()
        results: list[CheckResult] = []
        for path in options["files"]:
            results.extend(check_file(path, on=on))
        if options["format"] == "json":
            for r in results:
                out: dict[str, Any] = {
                    "file": r.label,
                    "findings": [{k: getattr(f, k) for k in JSON_KEYS} for f in r.findings],
                }
                if r.error:
                    out["error"] = r.error
                self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            for r in results:
                self._print_text(r, on)
        for r in results:
            if r.error:
                self.stderr.write(f"{r.label}: 読み込めません：{r.error}")
        code = 2 if any(r.error for r in results) else 1 if any(r.errors for r in results) else 0
        if code:
            sys.exit(code)

    def _print_text(self, r: CheckResult, on: dt.date) -> None:
        w = self.stdout.write
        if r.error:
            w(f"■ {r.label}：読み込めませんでした。{r.error}")
            w("")
            return
        w(f"■ {r.label}（{on:%Y-%m-%d}時点）：エラー{len(r.errors)}件・警告{len(r.warnings)}件")
        for note in r.notices:
            w(f"  ※ {note}")
        for f in r.findings:
            mark = "エラー" if f.is_error else "警告"
            where = (
                f"（{_line_of(r.text, f.start)}行目「{f.evidence}」）"
                if r.text and f.start >= 0 and f.evidence
                else ""
            )
            w(f"  [{mark}] {f.rule}：{f.item or BY_ID[f.rule].title}{where}")
            w(f"      {f.message}")
            if f.suggestion:
                w(f"      修正案：{f.suggestion}")
        if r.findings:
            w("  根拠：")
            for rule in dict.fromkeys(f.rule for f in r.findings):
                w(f"    {rule}：{BY_ID[rule].law}")
        else:
            w("  問題は見つかりませんでした。")
        w("")


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
