from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.matching.classifier import default_classifier

# A posting or a work history is a few kilobytes; a file far larger is the wrong file.
MAX_BYTES = 1_000_000


class Unreadable(Exception):
    """Why a file cannot be classified, in Japanese (shown after the file name)."""


def read_text(path: Path) -> str:
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            if path.is_dir():
                raise Unreadable("読み込めません（フォルダです。テキストファイルを指定してください）。")
            with path.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable("読み込めません（ファイルが見つかりません）。") from None
    except PermissionError:
        raise Unreadable("読み込めません（ファイルを読む権限がありません）。") from None
    except OSError:
        raise Unreadable("読み込めません（ファイルを開けません）。") from None
    if len(raw) > MAX_BYTES:
        raise Unreadable("読み込めません（1MB を超えています。求人票や職務経歴の本文だけにしてください）。")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\0"
    if "\0" in text:
        raise Unreadable(
            "読み込めません（UTF-8 のテキストではありません。Shift_JIS などは UTF-8 で保存し直してください）。"
        )
    if not text.strip():
        raise Unreadable("判定できません（空のファイルです）。")
    return text


class Command(BonaviCommand):
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
                text = read_text(path)
            except Unreadable as exc:
                self.stderr.write(f"{path}: {exc}")
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
