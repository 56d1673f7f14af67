"""The PDF boundary: one small interface, so the engine is a decision (ADR 0051), not a dependency of callers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from bonavi.core.downloads import file_stem
from bonavi.core.once import once

from ..model import Resume


class Kind(StrEnum):
    RIREKISHO = "rirekisho"
    SHOKUMUKEIREKISHO = "shokumukeirekisho"


class Paper(StrEnum):
    A4 = "A4"
    A3 = "A3"


KIND_LABELS = {Kind.RIREKISHO: "履歴書", Kind.SHOKUMUKEIREKISHO: "職務経歴書"}


class RenderError(ValueError):
    """A request the renderer cannot honour (e.g. a 職務経歴書 on A3); the message is Japanese."""


_NAME_MAX = 40


def pdf_filename(kind: Kind, name: str, on: dt.date) -> str:
    """The name a PDF is saved under: the kind, whose it is and its 「年 月 日現在」 day —
    「履歴書_山田花子_20261126.pdf」. Every download used to be 「履歴書.pdf」, so an employer's folder of them (or
    hers of several versions) was 履歴書 (1).pdf, 履歴書 (2).pdf… The name loses its spaces and is made a plain file
    name by core.downloads.file_stem, as a message's attachment is; no name left, it is the kind and the day."""
    person = file_stem("".join(name.split()), _NAME_MAX)
    return "_".join(part for part in (KIND_LABELS[kind], person, on.strftime("%Y%m%d")) if part) + ".pdf"


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    pages: int
    kind: Kind
    paper: Paper
    name: str  # whose (the 履歴書's 氏名) and the day printed as 「年 月 日現在」: for the file's name
    on: dt.date

    @property
    def filename(self) -> str:
        return pdf_filename(self.kind, self.name, self.on)


class DocumentRenderer(Protocol):
    def render(
        self, resume: Resume, *, kind: Kind, paper: Paper = Paper.A4, on: dt.date | None = None
    ) -> RenderedDocument:
        """Lay out and print one document. `on` is the 「年 月 日現在」 date (today by default)."""
        ...

    def count_pages(
        self, resume: Resume, *, kind: Kind, paper: Paper = Paper.A4, on: dt.date | None = None
    ) -> int:
        """The pages `render` prints on, from the same layout but without writing the PDF: the review's page
        count, so the review never promises a length the PDF does not have."""
        ...

    def render_letter(self, template: str, context: Mapping[str, Any]) -> bytes:
        """The PDF of a document other than a 履歴書/職務経歴書 (letters.py: a company's 「面接のご案内」), laid out
        and printed from its template under `documents/pdf/` (escaped like any Django
        template), with the same fonts and the same limits on what may be fetched as the 履歴書."""
        ...


def document_day(resume: Resume, on: dt.date | None = None) -> dt.date:
    """The 「年 月 日現在」 day a document is printed with: `on` (a sent snapshot's day), the version's own date, or
    today in Japan."""
    from bonavi.core.clock import today_jst

    return on or resume.document_date or today_jst()


def check_paper(kind: Kind, paper: Paper) -> None:
    if kind is Kind.SHOKUMUKEIREKISHO and paper is not Paper.A4:
        raise RenderError("職務経歴書はA4で作成します。用紙サイズに A4 を指定してください。")


@once
def default_renderer() -> DocumentRenderer:
    """The process's renderer. Made once (core.once): the web process's warm-up thread (ADR 0119) and a first
    request may ask at the same moment, and the request must get the renderer the warm-up has warmed."""
    from .weasy import WeasyPrintRenderer

    return WeasyPrintRenderer()
