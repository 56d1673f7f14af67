from __future__ import annotations

import os
import sys
import time
from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.search.backends import get_backend
from bonavi.search.indexing import reindex_all


def progress_bar(out: Any, done: int, total: int, started: float, width: int = 30) -> None:
    frac = done / total if total else 1.0
    bar = "█" * int(frac * width) + "░" * (width - int(frac * width))
    rate = done / max(time.perf_counter() - started, 1e-9)
    out.write(f"\r{bar} {done:,}/{total:,} 件（{rate:,.0f} 件/秒）")
    out.flush()


class Command(BonaviCommand):
    requires_system_checks: list[str] = []  # long-running tool: do not fail on unrelated URLconf checks
    help = "検索インデックスを作り直します（全件）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=5000, help="1トランザクションで索引する件数")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="解析に使うプロセス数")

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if interactive or done == total or done % 100_000 < opts["batch"]:
                progress_bar(self.stdout, done, total, started)

        n = reindex_all(batch=opts["batch"], workers=opts["workers"], progress=progress)
        backend = get_backend()
        self.stdout.write(
            f"\n{n:,} 件を索引しました（{backend.name}、{time.perf_counter() - started:.1f} 秒、"
            f"{backend.size_bytes() / 1e6:,.0f} MB）。"
        )
