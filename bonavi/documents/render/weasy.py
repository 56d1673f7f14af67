"""WeasyPrint implementation of DocumentRenderer (ADR 0051).

HTML and CSS come from Django templates (templates/documents/pdf/); fonts are the system's IPAex明朝 with Noto
Serif CJK JP as the fallback for characters IPAex lacks (𠮷, 髙 variants …). WeasyPrint subsets both with HarfBuzz,
so a 2-page 職務経歴書 stays far under 300 KB. Pango's line breaking follows UAX #14, which never starts a line
with 、。」） (禁則); dates carry `white-space: nowrap` so a narrow cell never splits 「2011年 / 3月」.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

from ..layout import (
    CV_ENTRY_LINES_PER_PAGE,
    HISTORY_ROWS_FIRST,
    HISTORY_ROWS_SECOND,
    LICENSE_ROWS,
    MOTIVATION_LINES,
    REQUESTS_LINES,
    age_text,
    appeal_text,
    assignment_blocks,
    assignment_periods,
    box_font_size,
    box_split,
    career_groups,
    cv_entry_lines,
    employment_label,
    fmt_date,
    fmt_ym,
    history_rows,
    license_rows,
    milestone_lines,
    months_between,
    paged,
    period_text,
    requests_text,
    work_in_cv_order,
)
from ..model import CvFormat, Resume, Work, YearMonth
from .base import Kind, Paper, RenderedDocument, RenderError, check_paper, document_day

# WeasyPrint reports every layout step at INFO; a server log needs none of that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Page counts of recently laid-out documents, by their HTML: the editor reviews the same version on every view,
# and a download right after a review (or a review after a download) need not lay it out again.
PAGE_COUNTS_KEPT = 256


def _tenure(w: Work, on: dt.date) -> str:
    if w.start is None:
        return ""
    months = months_between(w.start, w.end or YearMonth.of(on))
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}か月" if rest else "")


class WeasyPrintRenderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._font_config: Any = None
        self._page_counts: OrderedDict[bytes, int] = OrderedDict()

    def _fonts(self) -> Any:
        # One FontConfiguration per process: building it costs more than a render.
        if self._font_config is None:
            from weasyprint.text.fonts import FontConfiguration

            self._font_config = FontConfiguration()
        return self._font_config

    def html(self, resume: Resume, *, kind: Kind, paper: Paper = Paper.A4, on: dt.date | None = None) -> str:
        check_paper(kind, paper)
        day = document_day(resume, on)
        birth = resume.basics.birth_date
        if birth is not None and birth > day:
            # A version stored before the reader refused such dates still opens (to be fixed), but is not printed.
            raise RenderError(
                f"生年月日（{birth.year}年{birth.month}月{birth.day}日）が書類の日付より後になっています。"
                "生年月日を直してから作成してください。"
            )
        style = resume.date_style
        ctx: dict[str, Any] = {
            "r": resume,
            "b": resume.basics,
            "paper": paper.value,
            "as_of": fmt_date(day, style),
            "age": age_text(resume, day),
            "photo": (
                "data:image/jpeg;base64," + base64.b64encode(resume.basics.image).decode()
                if resume.basics.image
                else ""
            ),
        }
        if kind is Kind.RIREKISHO:
            first, second, rest = paged(history_rows(resume), HISTORY_ROWS_FIRST, HISTORY_ROWS_SECOND)
            lic = license_rows(resume)
            lic_box, _, lic_rest = paged(lic, LICENSE_ROWS, 0)
            ctx.update(first=first, second=second, rest=rest, licenses=lic_box, license_rest=lic_rest)
            wishes = requests_text(resume)
            # Both boxes have a fixed height and clip; long text is printed smaller rather than cut, and what
            # does not fit even then goes on to the 別紙 after a whole line (never a half-visible one).
            appeal = appeal_text(resume)
            motivation, motivation_rest = box_split(appeal, MOTIVATION_LINES)
            wishes_box, wishes_rest = box_split(wishes, REQUESTS_LINES)
            ctx.update(
                motivation_text=motivation,
                motivation_rest=motivation_rest,
                requests_text=wishes_box,
                requests_rest=wishes_rest,
                motivation_pt=box_font_size(appeal, MOTIVATION_LINES),
                requests_pt=box_font_size(wishes, REQUESTS_LINES),
            )
            return render_to_string("documents/pdf/rirekisho.html", ctx)
        works = work_in_cv_order(resume)
        entries = [
            {
                "w": w,
                "period": period_text(w, style),
                "start": fmt_ym(w.start, style),
                "end": fmt_ym(w.end, style) if w.end else "現在",
                "tenure": _tenure(w, day),
                # several 派遣先: each with its own period and job, the position being the first's (ADR 0150)
                # any 派遣先 with duties of its own: each a block with its period and duties (s19 assignment duties)
                "blocks": assignment_blocks(w, style),
                "assignments": [] if assignment_blocks(w, style) else assignment_periods(w, style),
                "position": "" if assignment_periods(w, style) or assignment_blocks(w, style) else w.position,
                "etype_label": employment_label(w),  # 業務委託 is 契約形態, not 雇用形態 (ADR 0150)
                "milestones": milestone_lines(w, style),
                # taller than a page: let it break instead of pushing it (and its heading) to blank pages
                "long": cv_entry_lines(w, style) > CV_ENTRY_LINES_PER_PAGE,
            }
            for w in works
        ]
        by_id = {id(e["w"]): e for e in entries}
        groups = (
            [{"name": name, "entries": [by_id[id(w)] for w in ws]} for name, ws in career_groups(resume)]
            if resume.cv_format is CvFormat.CAREER
            else []
        )
        certs = [
            {"date": fmt_ym(c.date, style), "name": c.name}
            for c in sorted(resume.certificates, key=lambda c: (c.date or YearMonth(2200, 1)).index)
        ]
        ctx.update(entries=entries, groups=groups, certs=certs, career=resume.cv_format is CvFormat.CAREER)
        return render_to_string("documents/pdf/shokumukeirekisho.html", ctx)

    def _layout(self, source: str) -> Any:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher

        # Documents embed their photo as a data: URI; nothing else is ever fetched (no SSRF through a PDF).
        fetcher = URLFetcher(allowed_protocols=("data",))
        return HTML(string=source, url_fetcher=fetcher).render(font_config=self._fonts())

    def _remember(self, key: bytes, pages: int) -> None:
        self._page_counts[key] = pages
        self._page_counts.move_to_end(key)
        while len(self._page_counts) > PAGE_COUNTS_KEPT:
            self._page_counts.popitem(last=False)

    def render(
        self, resume: Resume, *, kind: Kind, paper: Paper = Paper.A4, on: dt.date | None = None
    ) -> RenderedDocument:
        # The day is read once: printed as 「年 月 日現在」 and put in the file's name, which must not differ when a
        # render runs across midnight.
        day = document_day(resume, on)
        source = self.html(resume, kind=kind, paper=paper, on=day)
        # WeasyPrint's font configuration is not documented as thread-safe; renders are short, so serialise.
        with self._lock:
            document = self._layout(source)
            pdf = document.write_pdf()
            if kind is Kind.SHOKUMUKEIREKISHO:  # the only kind the review counts (review.cv_page_count)
                self._remember(_key(source), len(document.pages))
        return RenderedDocument(
            pdf=pdf or b"",
            pages=len(document.pages),
            kind=kind,
            paper=paper,
            name=resume.basics.name,
            on=day,
        )

    def count_pages(
        self, resume: Resume, *, kind: Kind, paper: Paper = Paper.A4, on: dt.date | None = None
    ) -> int:
        source = self.html(resume, kind=kind, paper=paper, on=on)
        key = _key(source)
        with self._lock:
            pages = self._page_counts.get(key)
            if pages is None:
                pages = len(self._layout(source).pages)
            self._remember(key, pages)
        return pages

    def render_letter(self, template: str, context: Mapping[str, Any]) -> bytes:
        if not template.startswith("documents/pdf/"):
            # Only the documents app's PDF templates: they include _fonts.css, and nothing else is laid out here.
            raise ValueError(f"PDF のテンプレートではありません：{template}")
        source = render_to_string(template, dict(context))
        with self._lock:
            document = self._layout(source)
            pdf = document.write_pdf()
        return pdf or b""


def _key(source: str) -> bytes:
    return hashlib.sha256(source.encode()).digest()
