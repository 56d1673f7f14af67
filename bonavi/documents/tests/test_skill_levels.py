"""A skill's level (the profile's PCスキル 「基本操作ができる」) survives the editor and is printed (ADR 0139)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.documents.forms import _skills_from_text, _skills_to_text
from bonavi.documents.models import DocumentVersion

from .test_editor_sections import form_data

pytestmark = pytest.mark.django_db


def test_an_editor_save_keeps_the_profiles_skill_level_and_the_pdf_prints_it(
    client: Client, seeker: User
) -> None:
    """The walk: the profile said Excel 関数 「基本操作ができる」; the document made from it held the level, but the
    editor's box showed the name alone and its first save dropped the level, so the 職務経歴書 printed
    「Excel 関数（SUM・IF・VLOOKUP など）」 with nothing after it."""
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "山田", "given_name": "さくら", "pc_skills": {"excel_functions": 1}},
        history=[],
    )
    client.force_login(seeker)
    client.post(reverse("documents:create"), {"title": "一般事務 応募用", "source": "profile"})
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client.get(url)
    assert "Excel 関数（SUM・IF・VLOOKUP など）：基本操作ができる" in page.content.decode()
    assert client.post(url, form_data(page)).status_code == 302
    version.refresh_from_db()
    excel = next(s for s in version.data["skills"] if s["name"].startswith("Excel"))
    assert excel.get("level") == "基本操作ができる"
    pdf = client.get(reverse("documents:pdf", args=[version.pk, "shokumukeirekisho"]))
    body = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Excel 関数（SUM・IF・VLOOKUP など）：基本操作ができる" in body.replace("\n", "")


@pytest.mark.parametrize(
    "skills",
    [
        [{"name": "Excel", "keywords": ["VLOOKUP", "ピボットテーブル"]}],
        [{"name": "Excel", "keywords": ["VLOOKUP"], "level": "実務で使える"}],
        [{"name": "タイピング", "keywords": [], "level": "実務で使える"}],
        [
            {"name": "英語", "keywords": [], "level": "TOEIC相当"}
        ],  # not a level word: written 「英語：：TOEIC相当」
    ],
)
def test_the_skill_box_gives_back_what_it_shows(skills) -> None:
    back = _skills_from_text(_skills_to_text(skills))
    assert [(s["name"], s["keywords"], s.get("level", "")) for s in back] == [
        (s["name"], s["keywords"], s.get("level", "")) for s in skills
    ]


def test_a_single_word_after_the_colon_is_a_keyword_unless_it_reads_as_a_level() -> None:
    assert _skills_from_text("Excel：VLOOKUP") == [{"name": "Excel", "keywords": ["VLOOKUP"]}]
    assert _skills_from_text("Word：人に教えられる") == [
        {"name": "Word", "keywords": [], "level": "人に教えられる"}
    ]
