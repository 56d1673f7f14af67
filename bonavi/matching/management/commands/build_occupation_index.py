from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.matching.evaluation import fit_shipped_reranker
from bonavi.matching.indexing import build_index, store_reranker
from bonavi.matching.reranker import FEATURES

from ._jobtag import add_jobtag_arguments, jobtag_folder_and_embedder


class Command(BonaviCommand):
    help = (
        "jobtag の職業データ（../shared/data/jobtag）から職業分類器のインデックス"
        "（bonavi/matching/data/occupation_index.*）を作ります。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_jobtag_arguments(parser, lexical_help="埋め込みを作らない（語彙の索引のみ）")
        parser.add_argument(
            "--out", type=Path, default=None, help="出力先フォルダ（既定：bonavi/matching/data）"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        folder, embedder = jobtag_folder_and_embedder(self, opts)
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\r埋め込み {done:,}/{total:,}", ending="")
            self.stdout.flush()

        index_path, emb_path, rows = build_index(
            folder, embedder=embedder, out_dir=opts["out"], progress=progress
        )
        self.stdout.write("")
        if embedder is not None:
            # The re-ranker's weights are fitted on jobtag's task statements as labelled examples (ADR 0066).
            model = fit_shipped_reranker(folder, embedder=embedder)
            store_reranker(index_path, model)
            weights = ", ".join(f"{k}={v:+.2f}" for k, v in zip(FEATURES, model.coef, strict=True))
            self.stdout.write(f"再順位づけの重み: {weights}")
        self.stdout.write(f"{rows:,} 行 → {index_path}" + (f", {emb_path}" if emb_path else ""))
        self.stdout.write(f"{time.perf_counter() - started:.1f} 秒")
