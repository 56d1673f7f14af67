"""Documents the app prints besides the 履歴書 and 職務経歴書, through the same renderer (render/base.py): the same
WeasyPrint set-up, fonts and fetcher, so such a PDF opens in any viewer as users' PDFs do.

A company's 「面接のご案内」: the demo's employer sends one in the application's thread (seekers.demo), asking the
seekers app's DocumentSource for it (seekers never imports this app; ADR 0051, addendum)."""

from __future__ import annotations

from bonavi.core.clock import day_ja
from bonavi.seekers.attachments import InterviewGuide

from .render.base import default_renderer

INTERVIEW_GUIDE_TEMPLATE = "documents/pdf/interview_guide.html"


def interview_guide_pdf(guide: InterviewGuide) -> bytes:
    """A one-page A4 「面接のご案内」: date, 日時, 場所, 持ち物・備考 and whom to contact."""
    rows = [
        ("日時", guide.when),
        ("場所", guide.where),
        ("持ち物・備考", guide.notes),
        ("連絡先", guide.contact),
    ]
    context = {"g": guide, "dated": day_ja(guide.dated), "rows": [(k, v) for k, v in rows if v]}
    return default_renderer().render_letter(INTERVIEW_GUIDE_TEMPLATE, context)
