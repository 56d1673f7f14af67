from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.matching.evaluation import evaluate

from ._jobtag import add_jobtag_arguments, jobtag_folder_and_embedder


class Command(BonaviCommand):
    help = "職業分類器を jobtag のタスク文で評価します（各職業のタスク文をその職業のプロファイルから除外）。"

    def add_arguments(self, parser: CommandParser) -> None:
        add_jobtag_arguments(parser, lexical_help="埋め込みを使わない")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **opts: Any) -> None:
        folder, embedder = jobtag_folder_and_embedder(self, opts)
        figures = evaluate(folder, embedder=embedder)
        if opts["format"] == "json":
            self.stdout.write(json.dumps([f.__dict__ for f in figures], ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            "| プロトコル | 方法 | 1タスク top-1 | 1タスク top-5 | 3タスク top-1 | 3タスク top-5 |"
        )
        self.stdout.write("|---|---|---|---|---|---|")
        for f in figures:
            self.stdout.write(
                f"| {f.protocol} | {f.method} | {f.one_top1:.1%} | {f.one_top5:.1%} | {f.three_top1:.1%} "
                f"| {f.three_top5:.1%} |"
            )
        f0 = figures[0]
        self.stdout.write(f"（1タスク {f0.n_one:,} 問、3タスク {f0.n_three:,} 問）")
