"""The 履歴書・職務経歴書 a seeker may send with a direct application (ADR 0091).

The documents app keeps those versions, but it comes after seekers and seekers never imports it. So documents
registers one `DocumentSource` here from its AppConfig.ready(), and the 応募 form, `application_create`, the
employer's page and the PDF download reach the versions only through it. Without a source (documents not
installed) an application simply carries no document.

What is stored with the application is the source's snapshot of the version as it was when the seeker applied
(an opaque dict only the source reads back): later edits or deleting the version do not change what the employer
received.

The same source prints a 「面接のご案内」 (InterviewGuide) with the documents app's PDF renderer: the demo's employer
sends one in the thread, and it is printed the way users' 履歴書 are (ADR 0051, addendum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Sections = list[tuple[str, list[tuple[str, str]]]]


@dataclass(frozen=True)
class InterviewGuide:
    """What a company's 「面接のご案内」 says, as plain text: seekers fills it from an Interview, the documents app
    lays it out (DocumentSource.interview_guide)."""

    company: str
    when: str  # Interview.when_display
    where: str  # Interview.where_display
    notes: str
    contact: str  # 「株式会社… 採用担当（03-…）」
    dated: dt.date  # the letter's date


@dataclass(frozen=True)
class Preview:
    """One 「PDFで確認」 link of a version: its title, the kind's word the link shows (「履歴書」) and the PDF's URL.
    The link's whole name says both: 「一般事務 応募用（履歴書）をPDFで確認」."""

    title: str
    kind_label: str
    url: str

    @property
    def name(self) -> str:
        return f"{self.title}（{self.kind_label}）をPDFで確認"


@dataclass(frozen=True)
class DocumentSource:
    # user → [(version id, label)]: the seeker's own versions, newest first.
    choices: Callable[[Any], list[tuple[int, str]]]
    # (user, version id) → (label, snapshot), or None when the id is not one of the user's versions.
    take: Callable[[Any, int], tuple[str, dict[str, Any]] | None]
    # snapshot → headed sections of labelled text, for the employer's page.
    sections: Callable[[dict[str, Any]], Sections]
    # (snapshot, kind) → (file name, PDF bytes); None when the kind is unknown.
    pdf: Callable[[dict[str, Any], str], tuple[str, bytes] | None]
    # The kinds a snapshot can be downloaded as: (kind, label).
    kinds: tuple[tuple[str, str], ...]
    # guide → PDF bytes of a one-page 「面接のご案内」, printed by the documents renderer.
    interview_guide: Callable[[InterviewGuide], bytes] | None = None
    # user → {version id: [Preview]}: where she can look at each of her own versions as a PDF before sending it
    # (the 応募 form's 「PDFで確認」, ADR 0150). Only the user's versions; the PDF view checks the owner again.
    previews: Callable[[Any], dict[int, list[Preview]]] | None = None


_SOURCE: list[DocumentSource] = []


def register_document_source(source: DocumentSource) -> None:
    _SOURCE[:] = [source]


def document_source() -> DocumentSource | None:
    return _SOURCE[0] if _SOURCE else None


def document_choices(user: Any) -> list[tuple[int, str]]:
    source = document_source()
    return source.choices(user) if source is not None else []


def document_previews(user: Any) -> dict[int, list[Preview]]:
    """Her own versions' 「PDFで確認」 links by version id; {} without a source or one that has none."""
    source = document_source()
    return source.previews(user) if source is not None and source.previews is not None else {}
