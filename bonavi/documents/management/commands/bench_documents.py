"""`bonavi bench_documents`: render time and size of a 2-page 職務経歴書 (target ≤ 1 s warm, ≤ 300 KB)."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.documents.bench import cv_sample
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.render.base import Kind, Paper, default_renderer
from bonavi.documents.review import review


class Command(BonaviCommand):
    help = "2ページの職務経歴書のPDF作成時間とサイズを測ります。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=10)

    def handle(self, *args: Any, **opts: Any) -> None:
        resume = resume_from_json(cv_sample())
        renderer = default_renderer()
        t0 = time.perf_counter()
        first = renderer.render(resume, kind=Kind.SHOKUMUKEIREKISHO)
        cold = time.perf_counter() - t0
        if first.pages != 2:
            raise CommandError(f"サンプルが{first.pages}ページになりました（2ページのはず）。")
        rows = []
        for label, kind, paper, name in (
            ("職務経歴書 A4 2ページ", Kind.SHOKUMUKEIREKISHO, Paper.A4, ""),
            ("職務経歴書 A4 2ページ（氏名に𠮷: Noto併用）", Kind.SHOKUMUKEIREKISHO, Paper.A4, "𠮷田 美咲"),
            ("履歴書 A4 2枚", Kind.RIREKISHO, Paper.A4, ""),
            ("履歴書 A3 見開き", Kind.RIREKISHO, Paper.A3, ""),
        ):
            doc = resume_from_json(cv_sample())
            if name:
                doc.basics.name = name
            times = []
            size = pages = 0
            for _ in range(opts["runs"]):
                t = time.perf_counter()
                out = renderer.render(doc, kind=kind, paper=paper)
                times.append(time.perf_counter() - t)
                size, pages = len(out.pdf), out.pages
            rows.append((label, pages, statistics.median(times), max(times), size))
        # The review lays the 職務経歴书 out for its page count: once per document (each date is another document),
        # then from the renderer's cache.
        t = time.perf_counter()
        for day in range(1, 21):
            review(resume, today=dt.date(2026, 1, day))
        first_ms = (time.perf_counter() - t) * 1000 / 20
        t = time.perf_counter()
        for _ in range(100):
            review(resume)
        review_ms = (time.perf_counter() - t) * 10
        self.stdout.write(f"cold first render (incl. WeasyPrint import and font setup): {cold:.2f} s")
        self.stdout.write("| document | pages | warm median | warm max | size |")
        self.stdout.write("|---|---|---|---|---|")
        for label, pages, med, mx, size in rows:
            self.stdout.write(f"| {label} | {pages} | {med:.3f} s | {mx:.3f} s | {size / 1024:.0f} KB |")
        self.stdout.write(f"review (all rules) of a document seen for the first time: {first_ms:.1f} ms")
        self.stdout.write(f"review (all rules) on the same document again: {review_ms:.2f} ms")
        cv = rows[0]
        if cv[2] > 1.0 or cv[4] > 300 * 1024:
            raise CommandError("目標（1秒以内・300 KB以下）を満たしていません。")
