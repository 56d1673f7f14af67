"""`bonavi review_resume --format json INPUT.json`: the 添削 findings as a JSON list."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.documents.jsonresume import ResumeInputError, resume_from_bytes
from bonavi.documents.review import SEVERITY_LABELS, review


class Command(BonaviCommand):
    help = "JSON Resume を添削ルールで確認し、指摘を一覧にします（rule, severity, path, message, fix）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("input", help="JSON Resume ファイル（- で標準入力）")

    def handle(self, *args: Any, **opts: Any) -> None:
        name = opts["input"]
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            resume = resume_from_bytes(data)
        except OSError as exc:
            raise CommandError(f"{name} を読めません: {exc.strerror}") from None
        except ResumeInputError as exc:
            raise CommandError("JSON Resume を読めません:\n" + "\n".join(exc.messages)) from None
        hints = review(resume)
        if opts["format"] == "json":
            self.stdout.write(json.dumps([h.as_dict() for h in hints], ensure_ascii=False, indent=2))
            return
        if not hints:
            self.stdout.write("指摘はありません。")
        for h in hints:
            self.stdout.write(
                f"[{SEVERITY_LABELS[h.severity]}] {h.rule} {h.path}\n  {h.message}\n  → {h.fix}"
            )
