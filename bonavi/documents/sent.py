"""The documents app's side of 「応募書類を送る」 on a direct application (seekers.attachments, ADR 0091).

A snapshot is the version's JSON Resume with its photo and the day it was sent: the employer's page and PDF are
made from it alone, so editing or deleting the version afterwards changes nothing the employer received, and the
PDF's 「年 月 日現在」 is the day of the application, not the day of the download.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bonavi.core.clock import today_jst
from bonavi.seekers.attachments import DocumentSource, Preview, Sections

from .comments import resume_sections
from .jsonresume import resume_from_json, resume_to_json
from .letters import interview_guide_pdf
from .render.base import KIND_LABELS, Kind, Paper, default_renderer
from .selectors import version_get, version_label, versions_of
from .services import resume_of


def choices(user: Any) -> list[tuple[int, str]]:
    return [(v.pk, version_label(v)) for v in versions_of(user).only("pk", "title", "updated_at")]


def previews(user: Any) -> dict[int, list[Preview]]:
    """Each of her own versions (versions_of: the owner's only) as the PDFs she may look at before sending it: the
    editor's PDF view of that version, opened in the browser rather than saved (`?inline=1`)."""
    return {
        v.pk: [
            Preview(
                title=v.title,
                kind_label=label,
                url=reverse("documents:pdf", args=[v.pk, kind.value]) + "?paper=A4&inline=1",
            )
            for kind, label in KIND_LABELS.items()
        ]
        for v in versions_of(user).only("pk", "title")
    }


def take(user: Any, pk: int) -> tuple[str, dict[str, Any]] | None:
    version = version_get(user=user, pk=pk)  # the owner's own versions only
    if version is None:
        return None
    resume = resume_to_json(resume_of(version), include_photo=True)
    return version_label(version), {"resume": resume, "on": today_jst().isoformat()}


def sections(snapshot: dict[str, Any]) -> Sections:
    """The written parts (職務要約, each job, skills, 自己PR, 志望動機 …) as headed rows; empty ones left out."""
    data = snapshot.get("resume")
    return resume_sections(data) if isinstance(data, dict) else []


def pdf(snapshot: dict[str, Any], kind: str) -> tuple[str, bytes] | None:
    """The sent document printed as it was (RenderError, a ValueError with a Japanese message, if it cannot be)."""
    try:
        k = Kind(kind)
    except ValueError:
        return None
    data = snapshot.get("resume")
    if not isinstance(data, dict):
        return None
    on = dt.date.fromisoformat(snapshot["on"]) if snapshot.get("on") else None
    doc = default_renderer().render(resume_from_json(data, stored=True), kind=k, paper=Paper.A4, on=on)
    return doc.filename, doc.pdf


SOURCE = DocumentSource(
    choices=choices,
    take=take,
    sections=sections,
    pdf=pdf,
    kinds=tuple((k.value, label) for k, label in KIND_LABELS.items()),
    interview_guide=interview_guide_pdf,
    previews=previews,
)
